package dev.modelgate.rego;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The declaration and syntax checks OPA makes beyond the grammar: constant default values,
 * declarations after use, shadowed root documents, import conflicts, unary minus and dotted refs.
 */
class DeclarationChecksTest {

  private static List<String> errors(String src) {
    try {
      RegoCompiler.standard().compile(List.of(RegoSource.of("p.rego", src)));
    } catch (RegoCompileException e) {
      return e.errors().stream().map(RegoError::toString).toList();
    }
    return List.of();
  }

  @Test
  void defaultValuesMustBeConstant() {
    assertThat(errors("package p\ndefault a := 5 + 6\n"))
        .containsExactly(
            "p.rego:2:1: rego_parse_error: illegal default rule (value cannot contain call)");
    assertThat(errors("package p\ndefault a := {\"b\": 5}.b\n"))
        .containsExactly(
            "p.rego:2:1: rego_parse_error: illegal default rule (value cannot contain ref)");
    assertThat(errors("package p\ndefault a := [x]\n"))
        .containsExactly(
            "p.rego:2:1: rego_parse_error: illegal default rule (value cannot contain var)");
    assertThat(errors("package p\ndefault a := {\"k\": [1, {2}]}\ndefault b := [x | x := 1]\n"))
        .isEmpty();
  }

  @Test
  void aNameIsDeclaredOnlyBeforeItIsUsed() {
    assertThat(errors("package p\nr if {\n  v = 0\n  some v in [1]\n}\n"))
        .containsExactly("p.rego:4:8: rego_compile_error: var v referenced above");
    assertThat(errors("package p\nr if {\n  v := 0\n  some v in [1]\n}\n"))
        .containsExactly("p.rego:4:8: rego_compile_error: var v assigned above");
    assertThat(errors("package p\nr if {\n  1 := v\n  v = 1\n}\n"))
        .first()
        .asString()
        .contains("rego_compile_error: cannot assign to number");
    // Shadowing in a nested body is allowed, and so is using a name after declaring it.
    assertThat(
            errors("package p\nr if {\n  v := 0\n  xs := [v | some v in [1]]\n  v == xs[0]\n}\n"))
        .isEmpty();
  }

  @Test
  void v1ModulesMustNotShadowRootDocuments() {
    assertThat(errors("package p\ndata := 1\n"))
        .containsExactly(
            "p.rego:2:1: rego_compile_error: rules must not shadow data (use a different rule name)");
    assertThat(errors("package p\nx if {\n  input := 1\n  input > 0\n}\n"))
        .first()
        .asString()
        .contains("variables must not shadow input");
  }

  @Test
  void importConflicts() {
    assertThat(errors("package p\nimport rego.v1\nimport future.keywords.in\n"))
        .first()
        .asString()
        .contains("implies `future.keywords`");
    assertThat(errors("package p\nimport data.a.x\nimport data.b.x\n"))
        .first()
        .asString()
        .contains("import must not shadow import data.a.x");
  }

  @Test
  void unaryMinusTakesANumberOrAReference() {
    assertThat(errors("package p\nx := - -1\n")).first().asString().contains("expected number");
    assertThat(errors("package p\ny := 1\nx := - y\nz := -\n  1\n")).isEmpty();
  }

  @Test
  void noSpaceAfterTheDotOfAReference() {
    assertThat(errors("package p\nx := regex.\nmatch(\"a\", \"a\")\n"))
        .first()
        .asString()
        .contains("rego_parse_error");
    assertThat(errors("package p\nx := input. y\n"))
        .first()
        .asString()
        .contains("rego_parse_error");
  }
}
