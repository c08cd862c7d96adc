package dev.modelgate.rego.compiler.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.ast.Term;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.compiler.Compiler;
import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.parser.Parser;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the index keys on, what it leaves alone, and how its candidates follow OPA's rules. */
class RuleIndexTest {

  private static RuleNode compile(String policy) {
    Compiler c = new Compiler(BuiltinRegistry.standard());
    RuleNode root = c.compile(List.of(Parser.parseModule("t.rego", policy, true)));
    assertThat(c.errors()).isEmpty();
    return root;
  }

  private static RuleNode node(RuleNode root, String... path) {
    return root.find(List.of(path));
  }

  /** Resolves input refs the simple way (keys only), as the evaluator does for ground refs. */
  private static RuleIndex.RefResolver input(String json) {
    Value in = ValueJson.parse(json);
    return ref -> {
      Value cur = in;
      for (Term t : ref.path()) {
        Value key = ((Term.Scalar) t).value();
        cur =
            switch (cur) {
              case ObjectValue o -> o.get(key);
              case ArrayValue a -> a.get(key);
              case null, default -> null;
            };
      }
      return cur;
    };
  }

  private static List<Value> values(List<CompiledRule> rules) {
    return rules.stream().map(r -> ((Term.Scalar) r.value()).value()).toList();
  }

  private static Value eval(String policy, String query, String input) {
    List<QueryResult> rs =
        RegoCompiler.standard()
            .compile(List.of(RegoSource.of("t.rego", policy)))
            .prepare(query)
            .eval(EvalOptions.defaults().withInput(input == null ? null : ValueJson.parse(input)));
    return rs.isEmpty() ? null : rs.get(0).expressions().get(0);
  }

  static final String KINDS =
      """
      package t
      p := "a" if input.kind == "A"
      p := "b" if { input.kind = "B"; input.ns == "prod" }
      p := "c" if { startswith(input.name, "c") }
      p := "d" if { input.ns == "dev" }
      p := "one" if input.kind == 1
      """;

  @Test
  void keysOnEqualityWithScalarsAndKeepsUnindexedRulesAsCandidates() {
    RuleIndex index = node(compile(KINDS), "t", "p").ruleIndex;
    assertThat(index.keys()).hasToString("[input[\"kind\"], input[\"ns\"]]");

    // OPA's order: the rule without indexed conditions first.
    assertThat(values(index.lookup(input("{\"kind\": \"B\", \"ns\": \"prod\"}"), null).rules()))
        .containsExactly(StringValue.of("c"), StringValue.of("b"));
    // "b" needs ns == "prod"; "d" needs ns == "dev"; "c" states nothing the index can read.
    assertThat(values(index.lookup(input("{\"kind\": \"B\", \"ns\": \"dev\"}"), null).rules()))
        .containsExactly(StringValue.of("c"), StringValue.of("d"));
    // An undefined key leaves only the rules that do not mention it.
    assertThat(values(index.lookup(input("{}"), null).rules()))
        .containsExactly(StringValue.of("c"));
    // Numbers compare as numbers: 1.0 reaches the rule written with 1.
    assertThat(values(index.lookup(input("{\"kind\": 1.0}"), null).rules()))
        .containsExactly(StringValue.of("c"), StringValue.of("one"));
  }

  @Test
  void leavesAloneWhatItCannotDecideStatically() {
    RuleNode root =
        compile(
            """
            package t
            q := 1
            p if { not input.kind == "A" }
            p if { input.kind == "A" with input.kind as "A" }
            p if { some i; input.items[i] == "A" }
            p if { input.kind != "A" }
            p if { data.t.q == 1 }
            p if { input.kind == input.other }
            p if { input.kind == {"a": 1} }
            p if { print("x"); input.kind == "A" }
            p if { equal(input.kind, "A", false) }
            """);
    assertThat(node(root, "t", "p").ruleIndex).isNull();
  }

  @Test
  void readsVariablesArraysBareRefsAndBaseData() {
    RuleNode root =
        compile(
            """
            package t
            q := 1
            p if { x := input.user }
            p if { input.pair = ["a", _] }
            p if { input.flag }
            p if { data.config.mode == "strict" }
            p if { data.t.q }
            """);
    RuleIndex index = node(root, "t", "p").ruleIndex;
    assertThat(index.keys())
        .hasToString(
            "[input[\"user\"], input[\"pair\"], input[\"flag\"], data[\"config\", \"mode\"]]");
    List<CompiledRule> all = node(root, "t", "p").rules;
    RuleSelection s =
        index.lookup(input("{\"user\": false, \"pair\": [\"a\", 1], \"flag\": 0}"), null);
    // data.config.mode is undefined here (the test resolver only knows input).
    // OPA's trie order: no indexed condition first, then key by key (user, pair, flag, mode):
    // unconstrained before "defined" before a value.
    assertThat(s.rules()).containsExactly(all.get(4), all.get(2), all.get(1), all.get(0));
    assertThat(index.lookup(input("{\"pair\": [\"b\", 1]}"), null).rules())
        .containsExactly(all.get(4));
    assertThat(index.lookup(input("{\"pair\": [\"a\"]}"), null).rules())
        .containsExactly(all.get(4));
  }

  @Test
  void globMatchWithLiteralAndStarSegmentsIsIndexed() {
    RuleNode root =
        compile(
            """
            package t
            p if glob.match("*.example.com", ["."], input.host)
            p if { h := input.host; glob.match("api.*.org", [], h) }
            p if glob.match("web-[0-9]", ["-"], input.host)
            p if glob.match(`a\\.b`, ["."], input.host)
            """);
    RuleIndex index = node(root, "t", "p").ruleIndex;
    assertThat(index.keys()).hasToString("[input[\"host\"]]");
    List<CompiledRule> all = node(root, "t", "p").rules;
    // Character classes and escapes are not indexed: those rules are always candidates.
    assertThat(index.lookup(input("{\"host\": \"www.example.com\"}"), null).rules())
        .containsExactly(all.get(2), all.get(3), all.get(0));
    assertThat(index.lookup(input("{\"host\": \"api.x.org\"}"), null).rules())
        .containsExactly(all.get(2), all.get(3), all.get(1));
    assertThat(index.lookup(input("{\"host\": \"a.b.example.com\"}"), null).rules())
        .containsExactly(all.get(2), all.get(3));
    assertThat(index.lookup(input("{\"host\": 7}"), null).rules())
        .containsExactly(all.get(2), all.get(3));
  }

  @Test
  void elseBranchesAreIndexedOneByOne() {
    String policy =
        """
        package t
        level := "high" if { input.level == 3 } else := "mid" if { input.level == 2 } else := "low"
        """;
    RuleNode root = compile(policy);
    RuleSelection s = node(root, "t", "level").ruleIndex.lookup(input("{\"level\": 2}"), null);
    CompiledRule head = node(root, "t", "level").rules.get(0);
    assertThat(s.rules()).containsExactly(head);
    assertThat(s.admits(head)).isFalse();
    assertThat(s.admits(head.elseRule())).isTrue();
    assertThat(s.admits(head.elseRule().elseRule())).isTrue();

    assertThat(eval(policy, "data.t.level", "{\"level\": 3}")).isEqualTo(StringValue.of("high"));
    assertThat(eval(policy, "data.t.level", "{\"level\": 2}")).isEqualTo(StringValue.of("mid"));
    assertThat(eval(policy, "data.t.level", "{\"level\": 7}")).isEqualTo(StringValue.of("low"));
  }

  @Test
  void functionsAreIndexedOnArguments() {
    String policy =
        """
        package t
        f(x) := "pod" if x == "Pod"
        f("Svc") := "svc"
        f([1, y]) := y
        f(x) := "any" if { x == "Pod"; true }
        """;
    RuleNode root = compile(policy);
    RuleIndex index = node(root, "t", "f").functionIndex;
    assertThat(index.keys()).hasToString("[args[0]]");
    List<CompiledRule> fs = node(root, "t", "f").functions;
    RuleIndex.RefResolver none = ref -> null;
    assertThat(index.lookup(none, new Value[] {StringValue.of("Pod")}).rules())
        .containsExactly(fs.get(0), fs.get(3));
    assertThat(index.lookup(none, new Value[] {StringValue.of("Svc")}).rules())
        .containsExactly(fs.get(1));
    assertThat(
            index
                .lookup(none, new Value[] {ArrayValue.of(NumberValue.of(1), NumberValue.of(2))})
                .rules())
        .containsExactly(fs.get(2));

    assertThat(eval(policy, "data.t.f(\"Svc\")", null)).isEqualTo(StringValue.of("svc"));
    assertThat(eval(policy, "data.t.f([1, 5])", null)).isEqualTo(NumberValue.of(5));
    assertThat(eval(policy, "data.t.f(\"Job\")", null)).isNull();
  }

  @Test
  void skippedRulesLeaveDefaultsAndEmptyCollections() {
    String policy =
        """
        package t
        default allow := false
        allow if input.role == "admin"
        allow if input.role == "root"
        deny contains "pod" if input.kind == "Pod"
        deny contains "job" if input.kind == "Job"
        obj[input.kind] := 1 if input.ns == "prod"
        obj["x"] := 2 if input.ns == "dev"
        """;
    String in = "{\"role\": \"guest\", \"kind\": \"Svc\", \"ns\": \"test\"}";
    assertThat(eval(policy, "data.t.allow", in)).isEqualTo(Value.of(false));
    assertThat(eval(policy, "data.t.deny", in)).hasToString("[]");
    assertThat(eval(policy, "data.t.obj", in)).hasToString("{}");
    assertThat(eval(policy, "data.t.deny", "{\"kind\": \"Job\"}")).hasToString("[\"job\"]");
  }

  @Test
  void withOverridesAreWhatTheIndexSees() {
    String policy =
        """
        package t
        p := "a" if input.kind == "A"
        p := "b" if input.kind == "B"
        m := "strict" if data.config.mode == "strict"
        m := "lenient" if data.config.mode == "lenient"
        q := x if x := p with input.kind as "B"
        r := x if x := m with data.config.mode as "lenient"
        s := x if x := m with data.config as {"mode": "strict"}
        u := x if x := p with input as {"kind": "A"}
        """;
    assertThat(eval(policy, "data.t.q", "{\"kind\": \"A\"}")).isEqualTo(StringValue.of("b"));
    assertThat(eval(policy, "data.t.r", null)).isEqualTo(StringValue.of("lenient"));
    assertThat(eval(policy, "data.t.s", null)).isEqualTo(StringValue.of("strict"));
    assertThat(eval(policy, "data.t.u", "{\"kind\": \"B\"}")).isEqualTo(StringValue.of("a"));
    assertThat(eval(policy, "data.t.p", "{\"kind\": \"B\"}")).isEqualTo(StringValue.of("b"));
  }

  @Test
  void earlyExitStopsAtTheFirstSuccessInOpaOrder() {
    String policy =
        """
        package t
        q := 1
        q := 2
        same if input.k == "x"
        same if { input.k == "x"; data.t.q == 1 }
        ordered if input.k == "x"
        ordered if { input.j == "y"; data.t.q == 1 }
        f(x) if x == 1
        f(x) if { x == 1; data.t.q == 1 }
        g := f(1)
        """;
    // All candidates give `true`: the first success decides and the conflicting q is never read.
    assertThat(eval(policy, "data.t.same", "{\"k\": \"x\"}")).isEqualTo(Value.of(true));
    assertThat(eval(policy, "data.t.g", null)).isEqualTo(Value.of(true));
    // OPA's trie puts the rule that does not constrain input.k first, so q is read (and conflicts)
    // when that rule is a candidate, and not when the index rules it out.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> eval(policy, "data.t.ordered", "{\"k\": \"x\", \"j\": \"y\"}"))
        .hasMessageContaining("complete rules must not produce multiple outputs");
    assertThat(eval(policy, "data.t.ordered", "{\"k\": \"x\", \"j\": \"z\"}"))
        .isEqualTo(Value.of(true));
  }

  @Test
  void largeRuleSetsStayLinearInMemory() {
    StringBuilder b = new StringBuilder("package t\n");
    for (int i = 0; i < 5_000; i++) {
      b.append("p contains ").append(i).append(" if input.user == \"u").append(i).append("\"\n");
    }
    for (int i = 0; i < 200; i++) {
      b.append("p contains \"k").append(i).append("\" if input.k").append(i).append(" == 1\n");
    }
    RuleNode root = compile(b.toString());
    RuleIndex index = node(root, "t", "p").ruleIndex;
    // One key per distinct reference would be 201 bitsets of 5,200 bits each; only the most
    // frequent keys are indexed, and equality lists are sparse.
    assertThat(index.keys()).hasSize(RuleIndex.MAX_KEYS);
    assertThat(index.keys().get(0)).hasToString("input[\"user\"]");
    List<CompiledRule> hits = index.lookup(input("{\"user\": \"u17\", \"k0\": 1}"), null).rules();
    // u17's rule, k0's rule, and the rules on keys past the limit (always candidates).
    assertThat(hits).hasSize(2 + 200 - (RuleIndex.MAX_KEYS - 1));
    assertThat(hits).contains(node(root, "t", "p").rules.get(17));
    assertThat(eval(b.toString(), "data.t.p", "{\"user\": \"u17\", \"k0\": 1}"))
        .hasToString("[17,\"k0\"]");
  }

  @Test
  void conflictsBetweenMatchingRulesStillSurface() {
    String policy =
        """
        package t
        p := 1 if input.kind == "A"
        p := 2 if input.kind == "A"
        p := 3 if input.kind == "B"
        """;
    assertThat(eval(policy, "data.t.p", "{\"kind\": \"B\"}")).isEqualTo(NumberValue.of(3));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> eval(policy, "data.t.p", "{\"kind\": \"A\"}"))
        .hasMessageContaining("complete rules must not produce multiple outputs");
  }
}
