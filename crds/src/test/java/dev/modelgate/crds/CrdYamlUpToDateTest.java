package dev.modelgate.crds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD YAML checked in under {@code crds/yaml/} must equal what the build generates from the
 * Java types, so the Helm chart and {@code kubectl apply} never install a stale schema. Run with
 * {@code -Dcrds.update=true} to rewrite the checked-in files after changing the types.
 */
class CrdYamlUpToDateTest {
  private static final List<String> CRD_FILES =
      List.of("hfmodels.modelgate.dev-v1.yml", "modelpolicies.modelgate.dev-v1.yml");
  private static final Path CHECKED_IN = Path.of("yaml");

  @Test
  void checkedInYamlEqualsGeneratedYaml() throws IOException {
    boolean update = Boolean.getBoolean("crds.update");
    for (String file : CRD_FILES) {
      String generated = generated(file);
      Path checkedIn = CHECKED_IN.resolve(file);
      if (update) {
        Files.writeString(checkedIn, generated);
      }
      assertThat(checkedIn).as("checked-in CRD %s", checkedIn.toAbsolutePath()).exists();
      assertThat(Files.readString(checkedIn))
          .as(
              "crds/yaml/%s is stale: rebuild with ./mvnw -pl crds test -Dcrds.update=true and"
                  + " commit it",
              file)
          .isEqualTo(generated);
    }
  }

  @Test
  void noOtherYamlIsCheckedIn() throws IOException {
    try (Stream<Path> files = Files.list(CHECKED_IN)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(CRD_FILES);
    }
  }

  private static String generated(String file) throws IOException {
    try (InputStream in =
        CrdYamlUpToDateTest.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
      assertThat(in).as("generated CRD META-INF/fabric8/%s on the classpath", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
