package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluation and compile checks that follow OPA: base data merged under packages, numeric keys into
 * base data, {@code every} over scalars, zero-argument functions, defaults for ground ref keys,
 * call arity in value position and literal shape mismatches in unification.
 */
class OpaSemanticsTest {

  private static List<Value> eval(RegoSource src, String query, String data) {
    return RegoCompiler.standard()
        .compile(List.of(src))
        .prepare(query)
        .eval(
            EvalOptions.defaults()
                .withInput(ValueJson.parse("{}"))
                .withData((dev.modelgate.rego.value.ObjectValue) ValueJson.parse(data)))
        .stream()
        .flatMap(r -> r.expressions().stream())
        .toList();
  }

  private static Value one(String module, String query) {
    List<Value> out = eval(RegoSource.of("p.rego", module), query, "{}");
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private static List<RegoError> errors(String module) {
    try {
      RegoCompiler.standard().compile(List.of(RegoSource.of("p.rego", module)));
    } catch (RegoCompileException e) {
      return e.errors();
    }
    throw new AssertionError("expected compile errors");
  }

  @Test
  void basePackageDataWinsOverARuleOfTheSameNameInTheExtent() {
    RegoSource src =
        RegoSource.of("p.rego", "package t.conflicts\nk := \"bar\"\nj := {\"b\": 2}\n");
    String data = "{\"t\": {\"conflicts\": {\"k\": \"foo\", \"j\": {\"a\": 1}}}}";
    assertThat(eval(src, "data.t.conflicts", data))
        .containsExactly(ValueJson.parse("{\"k\": \"foo\", \"j\": {\"a\": 1, \"b\": 2}}"));
    // the rule itself is still what a reference to it reads
    assertThat(eval(src, "data.t.conflicts.k", data)).containsExactly(Value.of("bar"));
  }

  @Test
  void numbersIndexBaseDataByTheKeyTheyPrintAsWithoutDependingOnRules() {
    RegoSource src =
        RegoSource.of(
            "p.rego",
            "package test\na := [data[1], data.test[2], data.test[2.5]]\n"
                + "p := v if {\n  q := data.play\n  v := q[2]\n}\n");
    String data =
        "{\"1\": \"hello\", \"test\": {\"2\": 100, \"2.5\": 200}, \"play\": {\"2\": 100}}";
    assertThat(eval(src, "data.test.a", data))
        .containsExactly(ValueJson.parse("[\"hello\", 100, 200]"));
    // only references rooted at data convert numbers
    assertThat(eval(src, "data.test.p", data)).isEmpty();
  }

  @Test
  void everyOverAScalarFails() {
    assertThat(one("package p\nx := 1 if {\n  every v in 5 { v > 0 }\n}\ny := 2\n", "data.p"))
        .isEqualTo(ValueJson.parse("{\"y\": 2}"));
    assertThat(one("package p\nx if {\n  every v in [] { v > 0 }\n}\n", "data.p.x"))
        .isEqualTo(Value.of(true));
  }

  @Test
  void zeroArgumentFunctionsAreCompleteRules() {
    assertThat(one("package p\nf() := {\"a\": 1}\nf() := {\"a\": 1}\n", "data.p.f"))
        .isEqualTo(ValueJson.parse("{\"a\": 1}"));
    assertThat(one("package p\nf() := 3\ng := f()\n", "data.p"))
        .isEqualTo(ValueJson.parse("{\"f\": 3, \"g\": 3}"));
    assertThatThrownBy(() -> one("package p\nf() := {\"a\": 1}\nf() := {\"b\": 2}\n", "data.p.f"))
        .isInstanceOf(RegoEvalException.class)
        .hasMessageContaining("eval_conflict_error");
  }

  @Test
  void defaultsForGroundKeysOfARefRule() {
    String src =
        "package p\ndefault c[true] := \"t\"\ndefault c[false] := \"f\"\nc[\"x\"] := 1\n"
            + "c[false] := \"set\" if input.none == 1\n";
    assertThat(one(src, "data.p.c[true]")).isEqualTo(Value.of("t"));
    assertThat(one(src, "data.p.c[false]")).isEqualTo(Value.of("f"));
    assertThat(one(src, "data.p.c.x")).isEqualTo(Value.of(1));
    assertThat(errors("package p\ndefault c[1] := 1\ndefault c[1] := 2\n"))
        .extracting(RegoError::message)
        .contains("multiple default rules data.p.c found");
    assertThat(errors("package p\ndefault a := 5 + 6\n").get(0).message())
        .isEqualTo("illegal default rule (value cannot contain call)");
    assertThat(errors("package p\ndefault a := {\"b\": 5}.b\n").get(0).message())
        .isEqualTo("illegal default rule (value cannot contain ref)");
  }

  @Test
  void aCallUsedAsAValueMayNotTakeAnOutputArgument() {
    assertThat(errors("package p\nx := array.concat([2], [3], [4])\n"))
        .extracting(RegoError::toString)
        .containsExactly(
            "p.rego:2:6: rego_type_error: array.concat: arity mismatch: expected 2 arguments but"
                + " got 3");
    assertThat(errors("package p\nf(a) := a\nx if {\n  y := f(1, 2)\n  y == 1\n}\n"))
        .extracting(RegoError::toString)
        .containsExactly(
            "p.rego:4:8: rego_type_error: function data.p.f has arity 1, got 2 arguments");
    // as a whole expression the extra operand is the output
    assertThat(one("package p\nx := n if {\n  count([1, 2], n)\n}\n", "data.p.x"))
        .isEqualTo(Value.of(2));
  }

  @Test
  void unifyingLiteralsOfDifferentShapesIsAMatchError() {
    for (String expr :
        List.of(
            "[x, y] = [1, 2, 3]",
            "[x, y] := [1, 2, 3]",
            "[x] = {\"key\": 1}",
            "{\"a\": x, \"b\": y} = {\"a\": 1, \"c\": 2}",
            "[[x], y] = [[1, 2], 3]",
            "1 = \"a\"",
            "some [x, y] in [[1, 2, 3]]")) {
      assertThat(errors("package p\nr if {\n  " + expr + "\n}\n"))
          .as(expr)
          .extracting(RegoError::toString)
          .containsExactly("p.rego:3:3: rego_type_error: match error");
    }
    // shapes that can match, or are unknown, compile
    assertThat(one("package p\nr := x if {\n  [x, _] = [1, 2]\n}\n", "data.p.r"))
        .isEqualTo(Value.of(1));
    assertThat(one("package p\nr := x if {\n  some [x, _] in [[1], [1, 2]]\n}\n", "data.p.r"))
        .isEqualTo(Value.of(1));
    assertThat(one("package p\nr if {\n  a := [1, 2, 3]\n  [_, _, _] = a\n}\n", "data.p.r"))
        .isEqualTo(Value.of(true));
  }
}
