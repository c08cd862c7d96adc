package dev.modelgate.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.compiler.Compiler;
import dev.modelgate.rego.types.RegoType;
import dev.modelgate.rego.types.Signature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every builtin we ship has OPA's declared type. */
class BuiltinSignaturesTest {

  @Test
  void everyRegisteredBuiltinIsDeclaredWithItsArity() {
    List<String> missing = new ArrayList<>();
    List<String> wrongArity = new ArrayList<>();
    for (Builtin b : BuiltinRegistry.standard().all().values()) {
      Signature s = BuiltinSignatures.of(b.name());
      if (s == null) {
        missing.add(b.name());
      } else if (s.arity() != b.arity()) {
        wrongArity.add(b.name() + ": " + s.arity() + " vs " + b.arity());
      }
    }
    assertThat(missing).isEmpty();
    assertThat(wrongArity).isEmpty();
    for (var e : Compiler.ENGINE_CALLS.entrySet()) {
      assertThat(BuiltinSignatures.of(e.getKey()).arity()).isEqualTo(e.getValue());
    }
  }

  @Test
  void declarationsMatchOpas() {
    // Spot checks against v1/ast/builtins.go, in OPA's printed form.
    assertThat(BuiltinSignatures.of("upper")).hasToString("upper(x: string) => y: string");
    assertThat(BuiltinSignatures.of("uuid.parse"))
        .hasToString("uuid.parse(uuid: string) => result: object[string: any]");
    assertThat(BuiltinSignatures.of("count").operand(0))
        .hasToString("any<string, array[any], object[any: any], set[any]>");
    assertThat(BuiltinSignatures.of("concat").operand(1))
        .hasToString("any<array[string], set[string]>");
    assertThat(BuiltinSignatures.of("minus").want())
        .isEqualTo(
            "(x: any<number, set[any]>, y: any<number, set[any]>, z: any<number, set[any]>)");
    assertThat(BuiltinSignatures.of("time.format").result().name())
        .isEqualTo("formatted timestamp");
  }

  @Test
  void builtinsOpaDeclaresAsAnyTakeAnything() {
    // Never stricter than OPA: these take any value in OPA's declarations.
    for (String name :
        List.of(
            "semver.is_valid",
            "json.marshal",
            "yaml.marshal",
            "type_name",
            "is_string",
            "walk",
            "equal",
            "internal.member_2")) {
      assertThat(BuiltinSignatures.of(name).operand(0)).as(name).isEqualTo(RegoType.ANY);
    }
    assertThat(BuiltinSignatures.of("object.get").operand(1)).isEqualTo(RegoType.ANY);
    assertThat(BuiltinSignatures.of("json.patch").operand(0)).isEqualTo(RegoType.ANY);
  }
}
