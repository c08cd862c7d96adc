package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trailing call commas, not-bodies, template-string parameters and mocks of refused builtins. */
class SyntaxAndMockTest {

  private static List<Value> eval(String src, String query, String input) {
    return RegoCompiler.standard()
        .compile(List.of(RegoSource.of("p.rego", src)))
        .prepare(query)
        .eval(EvalOptions.defaults().withInput(ValueJson.parse(input)))
        .stream()
        .flatMap(r -> r.expressions().stream())
        .toList();
  }

  @Test
  void callArgumentsMayEndWithAComma() {
    String src = "package p\nx := concat(\n  \"-\",\n  [\"a\", \"b\"],\n)\n";
    assertThat(eval(src, "data.p.x", "{}")).containsExactly(Value.of("a-b"));
  }

  @Test
  void notBodyHoldsWhenTheBodyHasNoSolution() {
    String src =
        "package p\nimport rego.v2\ndefault p := false\np if {\n  not { input.a; input.b }\n}\n";
    assertThat(eval(src, "data.p.p", "{\"a\": true, \"b\": false}"))
        .containsExactly(Value.of(true));
    assertThat(eval(src, "data.p.p", "{\"a\": true, \"b\": true}"))
        .containsExactly(Value.of(false));
  }

  @Test
  void notBodySeesEnclosingVariablesAndNeedsTheImport() {
    String src =
        "package p\nimport future.keywords.not\n"
            + "p := [x | some x in [1, 2, 3]\n  not { x > 1; x < 3 }\n]\n";
    assertThat(eval(src, "data.p.p", "{}")).containsExactly(ValueJson.parse("[1, 3]"));
    assertThatThrownBy(
            () ->
                RegoCompiler.standard()
                    .compile(
                        List.of(
                            RegoSource.of(
                                "p.rego", "package p\np if {\n  not { input.a; input.b }\n}\n"))))
        .isInstanceOf(RegoCompileException.class);
  }

  @Test
  void templateStringParameterUsesVariablesTheBodyBinds() {
    String src =
        "package p\nf($\"{x} {input.y}\") := 42 if {\n  x = \"foo\"\n}\n"
            + "hit := f(\"foo bar\")\nmiss := f(\"baz bar\")\n";
    assertThat(eval(src, "data.p.hit", "{\"y\": \"bar\"}")).containsExactly(Value.of(42));
    assertThat(eval(src, "data.p.miss", "{\"y\": \"bar\"}")).isEmpty();
  }

  @Test
  void mockedFunctionArgumentsSeeOtherMocksSuchAsHttpSend() {
    String src =
        "package p\n"
            + "fake_send(req) := {\"body\": req.url}\n"
            + "wrap(s) := concat(\"\", [\"<\", s, \">\"])\n"
            + "fetched := http.send({\"method\": \"GET\", \"url\": \"u\"}).body\n"
            + "r := upper(fetched)\n"
            + "t := y if {\n  y := r with http.send as fake_send with upper as wrap\n}\n";
    assertThat(eval(src, "data.p.t", "{}")).containsExactly(Value.of("<u>"));
    assertThatThrownBy(() -> eval(src, "data.p.r", "{}"))
        .isInstanceOf(RegoEvalException.class)
        .hasMessageContaining("http.send is not allowed");
  }
}
