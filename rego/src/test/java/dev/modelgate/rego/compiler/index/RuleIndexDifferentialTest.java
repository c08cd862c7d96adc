package dev.modelgate.rego.compiler.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.PreparedQuery;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rule index must never change a result: every query over these policies is evaluated with the
 * index on and off, over many generated inputs and data documents, and the outcomes (values,
 * undefined, conflict errors, printed lines) must be identical.
 */
class RuleIndexDifferentialTest {

  static final String COMPLETE =
      """
      package a
      import rego.v1

      default decision := "none"
      decision := "pod" if input.kind == "Pod"
      decision := "job" if { input.kind == "Job"; input.ns == "prod" }
      decision := "num" if input.kind == 1
      decision := "conflict" if { input.kind = "Job"; input.flag == true }
      decision := "arr" if input.pair = ["a", x]
      decision := "bool" if input.flag = false
      decision := "null" if null == input.kind

      level := "high" if { input.level == 3 } else := "mid" if { input.level == 2 } else := "low" if { input.level }
      level2 := "x" if { input.kind == "Pod"; input.level == 1 } else := "y" if { input.kind == "Job" } else := "z"

      mode := m if { m := data.config.mode; data.config.mode == "strict" }
      mode := "lenient" if data.config.mode == "lenient"
      mode := "one" if data.config.mode == 1
      strict if data.config.strict
      virtual_ref := "pod" if data.a.decision == "pod"
      nested := "deep" if input.user.role == "admin"
      from_items := "first-job" if input.items[0].kind == "Job"
      """;

  static final String PARTIAL =
      """
      package b
      import rego.v1

      deny contains "pod" if input.kind == "Pod"
      deny contains "pod-prod" if { input.kind == "Pod"; input.ns == "prod" }
      deny contains msg if { input.kind == "Job"; msg := sprintf("job %v", [input.name]) }
      deny contains "not-pod" if { not input.kind == "Pod" }
      deny contains item.name if { some item in input.items; item.kind == "Pod" }
      deny contains "item0" if input.items[0].kind == "Job"
      deny contains "role" if input.user.role == "admin"
      deny contains x if { x := input.name; input.kind == null }
      deny contains "strict" if { data.config.mode == "strict"; input.kind }

      labels[k] := v if { input.kind == "Pod"; some k, v in input.labels }
      labels["ns"] := input.ns if input.kind == "Job"
      labels["dup"] := 1 if input.flag == true
      labels["dup"] := 2 if input.kind == "Svc"

      by_kind[input.kind] := input.name if input.ns == "prod"
      by_kind["fixed"] := "f" if input.ns == "dev"
      """;

  static final String FUNCTIONS =
      """
      package c
      import rego.v1

      f(x) := "pod" if x == "Pod"
      f(x) := "job" if x == "Job"
      f("Svc") := "svc"
      f(1) := "one"
      f(x) := "other" if { x != "Pod"; x != "Job" }
      g(x, y) := z if { x == "a"; z := y }
      g(x, y) := "arr" if { x = [1, _]; y == 2 }
      g([x, "b"], y) := x if y == 3
      h(x) := "big" if { x > 10 } else := "small" if { x == 1 } else := "other"
      h2(x) := 1 if x == "Pod"
      h2(x) := 2 if x == "Pod"
      default fd(_) := "default"
      fd(x) := "ok" if x == "Pod"

      outf := f(input.kind)
      outg := g(input.kind, input.level)
      outg2 := g(input.pair, input.level)
      outh := h(input.level)
      outh2 := h2(input.kind)
      outfd := fd(input.kind)
      """;

  static final String WITH =
      """
      package d
      import rego.v1

      inner := "pod" if input.kind == "Pod"
      inner := "job" if input.kind == "Job"
      cfg := "strict" if data.config.mode == "strict"
      cfg := "lenient" if data.config.mode == "lenient"
      w1 := x if x := inner with input.kind as "Job"
      w2 := x if x := inner with input as {"kind": "Pod"}
      w3 := x if x := cfg with data.config.mode as "strict"
      w4 := x if x := cfg with data.config as {"mode": "lenient"}
      w5 := x if x := data.a.decision with input.kind as input.name
      w6 := x if x := data.c.outf with input.kind as "Job"
      w7 := x if x := data.b.deny with input.kind as "Pod" with data.config.mode as "strict"
      """;

  static final String GLOBS =
      """
      package g
      import rego.v1

      host contains "example" if glob.match("*.example.com", ["."], input.name)
      host contains "web" if { h := input.name; glob.match("web-*", ["-"], h) }
      host contains "two" if glob.match("*.*", [], input.name)
      host contains "slash" if glob.match("a/*/c", ["/", "."], input.name)
      host contains "escaped" if glob.match(`a\\.b.*`, ["."], input.name)
      host contains "class" if glob.match("web-[0-9]", ["-"], input.name)
      host contains "any" if glob.match("**", ["."], input.name)
      gf(x) := "ex" if glob.match("*.example.com", ["."], x)
      gf(x) := "web" if glob.match("web-*", ["-"], x)
      outgf := gf(input.name)
      """;

  static final String PRINTS =
      """
      package e
      import rego.v1

      p contains "a" if { print("checking", input.kind); input.kind == "Pod" }
      p contains "b" if input.kind == "Job"
      q := 1 if { input.kind == "Job"; print("job!") }
      """;

  static final List<String> KINDS =
      List.of(
          "\"Pod\"",
          "\"Job\"",
          "\"Svc\"",
          "1",
          "1.0",
          "true",
          "false",
          "null",
          "[\"a\", \"b\"]",
          "{\"x\": 1}",
          "\"a\"");

  @Test
  void indexNeverChangesResults() {
    CompiledPolicy policy =
        RegoCompiler.standard()
            .compile(
                List.of(
                    RegoSource.of("a.rego", COMPLETE),
                    RegoSource.of("b.rego", PARTIAL),
                    RegoSource.of("c.rego", FUNCTIONS),
                    RegoSource.of("d.rego", WITH),
                    RegoSource.of("e.rego", PRINTS),
                    RegoSource.of("g.rego", GLOBS)));
    List<String> queries = new ArrayList<>(policy.rulesNamed(""));
    queries.addAll(List.of("data.a", "data.b", "data.c", "data.d", "data.e", "data.g", "data"));
    queries.add("x := data.c.f(input.kind)");
    queries.add("x := data.c.g(input.pair, input.level)");
    queries.add("data.a.decision == \"pod\"");
    List<PreparedQuery> prepared = queries.stream().map(policy::prepare).toList();

    Random rnd = new Random(20261122);
    int compared = 0;
    int errors = 0;
    int defined = 0;
    for (int n = 0; n < 300; n++) {
      Value input = ValueJson.parse(randomInput(rnd));
      ObjectValue data = (ObjectValue) ValueJson.parse(randomData(rnd));
      for (int q = 0; q < prepared.size(); q++) {
        String on = outcome(prepared.get(q), input, data, true);
        String off = outcome(prepared.get(q), input, data, false);
        assertThat(on)
            .as("query %s, input %s, data %s", queries.get(q), input, data)
            .isEqualTo(off);
        compared++;
        errors += on.startsWith("error") ? 1 : 0;
        defined += on.startsWith("[]") ? 0 : 1;
      }
    }
    // The generated cases must reach every outcome, or the comparison proves little.
    assertThat(compared).isGreaterThan(10_000);
    assertThat(errors).isGreaterThan(100);
    assertThat(defined).isGreaterThan(compared / 2);
  }

  private static String outcome(PreparedQuery q, Value input, ObjectValue data, boolean indexing) {
    List<String> printed = new ArrayList<>();
    EvalOptions opts =
        EvalOptions.defaults()
            .withInput(input)
            .withData(data)
            .withPrinter(printed::add)
            .withRuleIndexing(indexing);
    try {
      List<QueryResult> rs = q.eval(opts);
      return rs + " printed " + printed;
    } catch (RegoEvalException e) {
      return "error " + e.getMessage() + " printed " + printed;
    }
  }

  static String randomInput(Random rnd) {
    List<String> fields = new ArrayList<>();
    maybe(rnd, fields, "kind", KINDS);
    maybe(
        rnd,
        fields,
        "name",
        List.of(
            "\"web-1\"",
            "\"a\"",
            "3",
            "\"Pod\"",
            "\"www.example.com\"",
            "\".example.com\"",
            "\"a.b.example.com\"",
            "\"a\\\\.example.com\"",
            "\"a.b\"",
            "\"a/b/c\"",
            "\"a/b.c\"",
            "\"a.b.c\"",
            "\"web-\"",
            "\"web-1-2\"",
            "\"\""));
    maybe(rnd, fields, "ns", List.of("\"prod\"", "\"dev\"", "1"));
    maybe(rnd, fields, "level", List.of("1", "2", "3", "11", "\"2\"", "1.0"));
    maybe(rnd, fields, "flag", List.of("true", "false", "\"true\""));
    maybe(
        rnd,
        fields,
        "pair",
        List.of(
            "[\"a\", \"b\"]", "[\"a\"]", "[\"b\", \"a\"]", "\"a\"", "[1, 2]", "[1, \"b\"]", "[]"));
    maybe(
        rnd,
        fields,
        "items",
        List.of(
            "[]",
            "[{\"kind\": \"Pod\", \"name\": \"p1\"}, {\"kind\": \"Job\", \"name\": \"j1\"}]",
            "[{\"kind\": \"Job\", \"name\": \"j2\"}]",
            "{\"0\": {\"kind\": \"Job\"}}"));
    maybe(
        rnd,
        fields,
        "user",
        List.of("{\"role\": \"admin\"}", "{\"role\": \"dev\"}", "{}", "\"admin\""));
    maybe(rnd, fields, "labels", List.of("{\"app\": \"x\"}", "{}", "{\"ns\": \"other\"}"));
    return "{" + String.join(", ", fields) + "}";
  }

  static String randomData(Random rnd) {
    if (rnd.nextInt(6) == 0) {
      return "{}";
    }
    if (rnd.nextInt(8) == 0) {
      return "{\"config\": \"strict\"}";
    }
    List<String> fields = new ArrayList<>();
    maybe(rnd, fields, "mode", List.of("\"strict\"", "\"lenient\"", "1", "1.0", "null"));
    maybe(rnd, fields, "strict", List.of("true", "false", "0"));
    return "{\"config\": {" + String.join(", ", fields) + "}}";
  }

  private static void maybe(Random rnd, List<String> fields, String key, List<String> values) {
    if (rnd.nextInt(5) != 0) {
      fields.add("\"" + key + "\": " + values.get(rnd.nextInt(values.size())));
    }
  }
}
