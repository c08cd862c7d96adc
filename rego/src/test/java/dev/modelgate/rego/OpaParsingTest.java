package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Syntax decided the way OPA's parser decides it: comprehension versus collection of {@code |}
 * expressions, {@code if} followed by a brace, v0 partial-set heads, {@code k, v in} operands and
 * call names with non-identifier segments.
 */
class OpaParsingTest {

  private static Value eval(RegoSource src, String query) {
    List<Value> out =
        RegoCompiler.standard()
            .compile(List.of(src))
            .prepare(query)
            .eval(EvalOptions.defaults().withInput(ValueJson.parse("{}")))
            .stream()
            .flatMap(r -> r.expressions().stream())
            .toList();
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private static Value v1(String body, String query) {
    return eval(RegoSource.of("p.rego", "package p\n" + body), query);
  }

  private static Value json(String s) {
    return ValueJson.parse(s);
  }

  @Test
  void barAfterAPlainFirstTermIsAComprehensionUnlessItsBodyStopsAtAComma() {
    String src = "x := {1}\ny := {2}\n";
    assertThat(v1(src + "z := [x | y]\n", "data.p.z")).isEqualTo(v1("z := [{1}]\n", "data.p.z"));
    // the body `y, 5` does not parse: an array whose first element is x | y
    assertThat(v1(src + "z := [x | y, 5]\n", "data.p.z"))
        .isEqualTo(v1("z := [{1, 2}, 5]\n", "data.p.z"));
    // `y, 5 in {5}` is a body (k, v in), so this one is a comprehension, which is empty
    assertThat(v1(src + "z := [x | y, 5 in {5}]\n", "data.p.z")).isEqualTo(json("[]"));
    assertThat(v1(src + "z := [x | y, 5 in {5}, 6]\n", "data.p.z"))
        .isEqualTo(v1("z := [{1, 2}, true, 6]\n", "data.p.z"));
  }

  @Test
  void aNegatedReferenceIsAPlainFirstTerm() {
    assertThat(v1("x := 3\nz := [-x | true]\n", "data.p.z")).isEqualTo(json("[-3]"));
    assertThat(v1("x := 3\nz := [-x, -1]\n", "data.p.z")).isEqualTo(json("[-3, -1]"));
  }

  @Test
  void anOperatorBeforeTheBarMakesAnArrayAndParenthesesMakeAComprehension() {
    String src = "q := {4}\n";
    assertThat(v1(src + "e := [q & {1} | {true}]\n", "data.p.e"))
        .isEqualTo(v1("e := [{true}]\n", "data.p.e"));
    assertThat(v1(src + "e := [(q & {1}) | {true}]\n", "data.p.e"))
        .isEqualTo(v1("e := [set()]\n", "data.p.e"));
  }

  @Test
  void setsAndObjectsFollowTheSameRule() {
    String src = "a := {1, 2}\nb := {3}\nc := {4}\n";
    assertThat(v1(src + "s := {a | b}\n", "data.p.s")).isEqualTo(v1("s := {{1, 2}}\n", "data.p.s"));
    assertThat(v1(src + "s := {a | b, c}\n", "data.p.s"))
        .isEqualTo(v1("s := {{1, 2, 3}, {4}}\n", "data.p.s"));
    // `{k: b | c, ...}` is an object whose value is b | c ...
    assertThat(v1(src + "o := {\"k\": b | c, \"j\": 1}\n", "data.p.o"))
        .isEqualTo(v1("o := {\"k\": {3, 4}, \"j\": 1}\n", "data.p.o"));
    // ... while `{k: b | c}` is an object comprehension with body c
    assertThat(v1(src + "o := {\"k\": b | c}\n", "data.p.o"))
        .isEqualTo(v1("o := {\"k\": {3}}\n", "data.p.o"));
  }

  @Test
  void ifBraceIsASingleExpressionUnlessThatIsASetLiteral() {
    // `{ 1 | 1 }` is a set comprehension (always true), not the body `1 | 1`
    assertThat(v1("x if { 1 | 1 }\n", "data.p.x")).isEqualTo(Value.of(true));
    assertThat(v1("x if { 1 == 1; 2 == 2 }\n", "data.p.x")).isEqualTo(Value.of(true));
    assertThat(v1("b := v if { {1 | 1} = v }\n", "data.p.b"))
        .isEqualTo(v1("b := {1}\n", "data.p.b"));
    assertThatThrownBy(() -> v1("x if {\n  1 |\n}\n", "data.p.x"))
        .isInstanceOf(RegoCompileException.class);
  }

  @Test
  void keyValueMembershipIsAnOperandOfAssignment() {
    assertThat(v1("x := b if { b := 0, 2 in [5, 6] }\n", "data.p.x")).isEqualTo(Value.of(false));
    assertThat(v1("x := b if { b := 1, 6 in [5, 6] }\n", "data.p.x")).isEqualTo(Value.of(true));
  }

  @Test
  void v0GroundHeadsWithoutValueArePartialSetsAndBracesMayStartOnTheNextLine() {
    RegoSource src =
        RegoSource.v0(
            "p.rego",
            "package p\nx.a {\n  true\n}\nr[\"s\"] {\n  true\n}\nq contains 1\n# comment\n{\n  true\n}\n");
    assertThat(eval(src, "data.p.x")).isEqualTo(v1("s := {\"a\"}\n", "data.p.s"));
    assertThat(eval(src, "data.p.r")).isEqualTo(v1("s := {\"s\"}\n", "data.p.s"));
    assertThat(eval(src, "data.p.q")).isEqualTo(v1("s := {1}\n", "data.p.s"));
  }

  @Test
  void v1BracketHeadWithIfIsAnObjectRule() {
    assertThat(v1("v[k] if {\n  some k in [\"a\", \"b\"]\n}\n", "data.p.v"))
        .isEqualTo(json("{\"a\": true, \"b\": true}"));
  }

  @Test
  void functionNamesMayHoldSegmentsThatAreNotIdentifiers() {
    String src =
        "fruit.apple.name := \"apple\"\n"
            + "fruit[\"color.name\"](f, c) := concat(\" \", [c, f.name])\n"
            + "out := fruit[\"color.name\"](fruit.apple, \"green\")\n";
    assertThat(v1(src, "data.p.out")).isEqualTo(Value.of("green apple"));
    assertThat(v1(src, "data.p.fruit")).isEqualTo(json("{\"apple\": {\"name\": \"apple\"}}"));
  }
}
