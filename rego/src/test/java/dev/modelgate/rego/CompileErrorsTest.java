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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile and runtime errors carry OPA's codes and file:line:col. */
class CompileErrorsTest {

  private static List<RegoError> errors(String src) {
    try {
      RegoCompiler.standard().compile(List.of(RegoSource.of("p.rego", src)));
    } catch (RegoCompileException e) {
      return e.errors();
    }
    throw new AssertionError("expected compile errors");
  }

  @Test
  void parseErrorHasLocation() {
    RegoError e = errors("package p\n\nallow if {\n  input.x ==\n}\n").get(0);
    assertThat(e.code()).isEqualTo("rego_parse_error");
    assertThat(e.location().line()).isEqualTo(5);
    assertThat(e.toString()).startsWith("p.rego:5:1: rego_parse_error: ");
  }

  @Test
  void v1RequiresIfAndContains() {
    assertThat(errors("package p\nallow { true }\n").get(0).message())
        .isEqualTo("`if` keyword is required before rule body");
    assertThat(errors("package p\ndeny[x]\n").get(0).message())
        .isEqualTo("`contains` keyword is required for partial set rules");
  }

  @Test
  void unsafeVariablesUndefinedFunctionsAndArity() {
    List<RegoError> es =
        errors("package p\nallow if {\n  x > 1\n}\nf if nope(1)\ng if count(1, 2, 3)\n");
    assertThat(es)
        .extracting(RegoError::toString)
        .containsExactlyInAnyOrder(
            "p.rego:3:3: rego_unsafe_var_error: var x is unsafe",
            "p.rego:5:6: rego_type_error: undefined function nope",
            "p.rego:6:6: rego_type_error: count: arity mismatch: expected 1 argument but got 3");
  }

  @Test
  void recursionAndConflictingRules() {
    assertThat(errors("package p\na if b\nb if a\n").get(0).code())
        .isEqualTo("rego_recursion_error");
    assertThat(errors("package p\nx := 1\nx contains 2\n").get(0).message())
        .isEqualTo("conflicting rules data.p.x found");
    assertThat(errors("package p\nf(x) := x\nf(x, y) := x\n").get(0).code())
        .isEqualTo("rego_type_error");
  }

  @Test
  void runtimeConflictsAreEvalErrors() {
    var policy =
        RegoCompiler.standard()
            .compile(
                List.of(
                    RegoSource.of("p.rego", "package p\nx := 1 if input.a\nx := 2 if input.b\n")));
    var q = policy.prepare("data.p.x");
    assertThat(
            q.eval(
                    EvalOptions.defaults()
                        .withInput(dev.modelgate.rego.value.ValueJson.parse("{\"a\": true}")))
                .get(0)
                .expressions())
        .containsExactly(Value.of(1));
    assertThatThrownBy(
            () ->
                q.eval(
                    EvalOptions.defaults()
                        .withInput(
                            dev.modelgate.rego.value.ValueJson.parse(
                                "{\"a\": true, \"b\": true}"))))
        .isInstanceOfSatisfying(
            RegoEvalException.class,
            e -> {
              assertThat(e.code()).isEqualTo("eval_conflict_error");
              assertThat(e.error().location().file()).isEqualTo("p.rego");
            });
  }

  @Test
  void undefinedVersusFalse() {
    var policy =
        RegoCompiler.standard()
            .compile(
                List.of(
                    RegoSource.of(
                        "p.rego",
                        "package p\ndefault allow := false\nallow if input.ok\nmaybe if input.ok\n")));
    EvalOptions none = EvalOptions.defaults();
    assertThat(policy.prepare("data.p.allow").eval(none).get(0).expressions())
        .containsExactly(Value.of(false));
    assertThat(policy.prepare("data.p.maybe").eval(none)).isEmpty();
    assertThat(policy.prepare("not data.p.maybe").eval(none)).hasSize(1);
  }
}
