package dev.modelgate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart in {@code helm/modelgate}, rendered and linted by real Helm (helm-java's embedded Helm
 * library). Nothing here talks to a cluster: the chart never uses {@code lookup}.
 */
final class ChartUnderTest {

  static final String RELEASE = "mg";
  static final String NAMESPACE = "modelgate-system";
  static final String KUBE_VERSION = "v1.31.0";

  private ChartUnderTest() {}

  static Path repoRoot() {
    String fromMaven = System.getenv("MODELGATE_REPO_ROOT");
    if (fromMaven != null && Files.isDirectory(Path.of(fromMaven, "helm", "modelgate"))) {
      return Path.of(fromMaven).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("helm").resolve("modelgate"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find helm/modelgate above " + Path.of("").toAbsolutePath());
  }

  static Path chartDir() {
    return repoRoot().resolve("helm").resolve("modelgate");
  }

  /**
   * Renders the chart with the given values (YAML, may be empty) for the default Kubernetes
   * version.
   */
  static Manifests render(String valuesYaml) {
    return render(valuesYaml, KUBE_VERSION);
  }

  static Manifests render(String valuesYaml, String kubeVersion) {
    Path values = writeTemp("values-", ".yaml", valuesYaml);
    try {
      String out =
          new Helm(chartDir())
              .template()
              .withName(RELEASE)
              .withNamespace(NAMESPACE)
              .withKubeVersion(kubeVersion)
              .withValuesFile(values)
              .call();
      return Manifests.parse(out);
    } finally {
      delete(values);
    }
  }

  /**
   * Lints the chart strictly with the given values merged over values.yaml. Helm's lint API takes
   * no values, so the chart is copied and the merged values become the copy's values.yaml.
   */
  static LintResult lint(String valuesYaml) {
    Path copy = copyChart();
    try {
      Path valuesFile = copy.resolve("values.yaml");
      Map<String, Object> merged = loadMap(Files.readString(valuesFile));
      deepMerge(merged, loadMap(valuesYaml));
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      Files.writeString(valuesFile, new Yaml(options).dump(merged));
      return new Helm(copy).lint().strict().call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(copy);
    }
  }

  static Map<String, Object> loadMap(String yaml) {
    Object loaded = new Yaml(new LoaderOptions()).load(yaml);
    if (loaded == null) {
      return new LinkedHashMap<>();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) loaded;
    return new LinkedHashMap<>(map);
  }

  @SuppressWarnings("unchecked")
  private static void deepMerge(Map<String, Object> base, Map<String, Object> override) {
    for (Map.Entry<String, Object> e : override.entrySet()) {
      Object existing = base.get(e.getKey());
      if (existing instanceof Map<?, ?> baseChild && e.getValue() instanceof Map<?, ?> overChild) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) baseChild);
        deepMerge(copy, (Map<String, Object>) overChild);
        base.put(e.getKey(), copy);
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
  }

  private static Path copyChart() {
    try {
      Path target = Files.createTempDirectory("modelgate-chart-").resolve("modelgate");
      Path source = chartDir();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(source)) {
        files = new ArrayList<>(walk.toList());
      }
      for (Path p : files) {
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path writeTemp(String prefix, String suffix, String content) {
    try {
      Path p = Files.createTempFile(prefix, suffix);
      Files.writeString(p, content == null ? "" : content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }

  private static void deleteTree(Path root) {
    Path top = root.getParent();
    try (Stream<Path> walk = Files.walk(top)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(ChartUnderTest::delete);
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
