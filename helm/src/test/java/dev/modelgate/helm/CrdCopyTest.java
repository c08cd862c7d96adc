package dev.modelgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm installs {@code helm/modelgate/crds/} verbatim; those files must be the CRDs the crds module
 * generates (checked in under {@code crds/yaml/}), or the chart would install a stale schema. After
 * changing the types: {@code cp crds/yaml/*.yml helm/modelgate/crds/}.
 */
class CrdCopyTest {

  @Test
  void chartCrdsEqualTheGeneratedOnes() throws IOException {
    Path generated = ChartUnderTest.repoRoot().resolve("crds").resolve("yaml");
    Path chart = ChartUnderTest.chartDir().resolve("crds");
    List<String> names = fileNames(generated);
    assertThat(names)
        .contains("hfmodels.modelgate.dev-v1.yml", "modelpolicies.modelgate.dev-v1.yml");
    assertThat(fileNames(chart)).containsExactlyElementsOf(names);
    for (String name : names) {
      assertThat(Files.readString(chart.resolve(name)))
          .as("helm/modelgate/crds/%s is stale: cp crds/yaml/*.yml helm/modelgate/crds/", name)
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }

  @Test
  void crdsAreValidCustomResourceDefinitionsForTheModelGateGroup() throws IOException {
    Path chart = ChartUnderTest.chartDir().resolve("crds");
    for (String name : fileNames(chart)) {
      Manifests m = Manifests.parse(Files.readString(chart.resolve(name)));
      assertThat(m.objects()).hasSize(1);
      var crd = m.objects().get(0);
      assertThat(crd.get("kind")).isEqualTo("CustomResourceDefinition");
      assertThat(Manifests.str(crd, "spec.group")).isEqualTo("modelgate.dev");
      assertThat(Manifests.list(crd, "spec.versions"))
          .anyMatch(v -> v.get("name").equals("v1alpha1") && Boolean.TRUE.equals(v.get("storage")));
    }
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
