package dev.modelgate.helm;

import static dev.modelgate.helm.Manifests.list;
import static dev.modelgate.helm.Manifests.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.policies.shipped.ShippedPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart installs exactly the ModelPolicies the policies module ships. */
class ShippedPoliciesTest {

  @Test
  void chartCopiesEqualPoliciesShipped() throws IOException {
    Path shipped = ChartUnderTest.repoRoot().resolve("policies").resolve("shipped");
    Path chart = ChartUnderTest.chartDir().resolve("policies");
    List<String> expected;
    try (Stream<Path> files = Files.list(shipped)) {
      expected =
          files
              .map(p -> p.getFileName().toString())
              .filter(
                  n ->
                      n.equals("policies.yaml")
                          || (n.endsWith(".rego") && !n.endsWith("_test.rego")))
              .sorted()
              .toList();
    }
    try (Stream<Path> files = Files.list(chart)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .as(
              "cp policies/shipped/{policies.yaml,*.rego} (not *_test.rego) helm/modelgate/policies/")
          .containsExactlyElementsOf(expected);
    }
    for (String name : expected) {
      assertThat(Files.readString(chart.resolve(name)))
          .as(name)
          .isEqualTo(Files.readString(shipped.resolve(name)));
    }
  }

  @Test
  void renderedPoliciesEqualTheShippedOnes() {
    Manifests m = ChartUnderTest.render(ValueSets.DEFAULTS);
    List<ModelPolicy> shipped = ShippedPolicies.load();
    assertThat(m.ofKind("ModelPolicy")).hasSize(shipped.size()).isNotEmpty();
    for (ModelPolicy policy : shipped) {
      Map<String, Object> rendered = m.one("ModelPolicy", policy.getMetadata().getName());
      assertThat(str(rendered, "apiVersion")).isEqualTo("modelgate.dev/v1alpha1");
      assertThat(str(rendered, "metadata.labels.modelgate.dev/shipped")).isEqualTo("true");
      var spec = policy.getSpec();
      assertThat(str(rendered, "spec.rego")).isEqualTo(spec.getRego());
      assertThat(str(rendered, "spec.description")).isEqualTo(spec.getDescription());
      assertThat(Manifests.at(rendered, "spec.precedence")).isEqualTo(spec.getPrecedence());
      assertThat(Manifests.at(rendered, "spec.terminal")).isEqualTo(spec.getTerminal());
      assertThat(Manifests.at(rendered, "spec.enabled")).isEqualTo(spec.getEnabled());
      List<Map<String, Object>> actions = list(rendered, "spec.actions");
      assertThat(actions).hasSize(spec.getActions().size());
      for (int i = 0; i < actions.size(); i++) {
        PolicyAction a = spec.getActions().get(i);
        assertThat(str(actions.get(i), "type")).isEqualTo(a.getType().name());
        assertThat(str(actions.get(i), "state"))
            .isEqualTo(a.getState() == null ? null : a.getState().name());
        assertThat(Manifests.strings(actions.get(i), "tags"))
            .isEqualTo(a.getTags() == null ? List.of() : a.getTags());
      }
    }
  }

  @Test
  void policiesCanBeExcludedOrSwitchedOff() {
    Manifests some =
        ChartUnderTest.render("policies: {exclude: [trusted-publishers, unpinned-revision]}");
    assertThat(some.ofKind("ModelPolicy")).hasSize(ShippedPolicies.load().size() - 2);
    assertThat(some.ofKind("ModelPolicy"))
        .noneMatch(
            p ->
                List.of("trusted-publishers", "unpinned-revision")
                    .contains(str(p, "metadata.name")));
    assertThat(ChartUnderTest.render("policies: {enabled: false}").ofKind("ModelPolicy")).isEmpty();
  }
}
