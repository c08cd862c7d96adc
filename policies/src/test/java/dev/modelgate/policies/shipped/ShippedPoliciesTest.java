package dev.modelgate.policies.shipped;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.policies.RegoTests;
import dev.modelgate.policies.epm.ModelPolicyCompiler;
import dev.modelgate.policies.epm.PolicyCompilation;
import dev.modelgate.rego.api.RegoSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShippedPoliciesTest {

  private static final Path SHIPPED = Path.of("shipped");

  @Test
  void everyShippedPolicyCompilesAsAModelPolicy() {
    List<ModelPolicy> policies = ShippedPolicies.load();
    assertThat(policies).hasSizeGreaterThanOrEqualTo(9);
    ModelPolicyCompiler compiler = new ModelPolicyCompiler();
    for (ModelPolicy p : policies) {
      PolicyCompilation c = compiler.compile(p.getMetadata().getName(), p.getSpec());
      assertThat(c.errors()).as(p.getMetadata().getName()).isEmpty();
      assertThat(p.getSpec().getActions()).as(p.getMetadata().getName()).isNotEmpty();
    }
  }

  @Test
  void theIndexNamesEveryPolicyFileAndOnlyTheTrustedPublishersAreTerminal() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(SHIPPED)) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".rego") && !n.endsWith("_test.rego"))
              .sorted()
              .toList();
    }
    List<ModelPolicy> policies = ShippedPolicies.load();
    assertThat(policies).hasSameSizeAs(files);
    assertThat(policies.stream().filter(p -> p.getSpec().isEffectivelyTerminal()))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("trusted-publishers");
  }

  static Stream<String> policyFiles() throws IOException {
    try (Stream<Path> s = Files.list(SHIPPED)) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".rego") && !n.endsWith("_test.rego"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("policyFiles")
  void eachPolicyHasPassingTests(String file) throws IOException {
    String test = file.replace(".rego", "_test.rego");
    assertThat(SHIPPED.resolve(test)).exists();
    List<String> failures =
        RegoTests.failures(
            List.of(
                RegoSource.of(file, Files.readString(SHIPPED.resolve(file))),
                RegoSource.of(test, Files.readString(SHIPPED.resolve(test)))));
    assertThat(failures).isEmpty();
  }
}
