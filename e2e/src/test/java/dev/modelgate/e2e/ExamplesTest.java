package dev.modelgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.validation.HFModelSpecValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The examples are what the demo and the README show: they must be consistent and real. */
class ExamplesTest {

  private static final Path EXAMPLES = RepoRoot.find().resolve("examples");
  private static final Path HUB = EXAMPLES.resolve("hub");

  @Test
  void everyHfModelNamesARepoInTheExampleHub() throws IOException {
    List<Map<String, Object>> models = objectsOfKind("HFModel");
    assertThat(models).hasSize(5);
    for (Map<String, Object> model : models) {
      String repo = (String) spec(model).get("repo");
      assertThat(HUB.resolve(repo)).as("repo folder of %s", repo).isDirectory();
      assertThat(HUB.resolve(repo).resolve(".modelgate-hub.yaml")).exists();
      assertThat(HUB.resolve(repo).resolve("README.md")).as("model card").exists();
    }
  }

  @Test
  void everyHfModelPassesTheSharedSpecValidator() throws IOException {
    for (Map<String, Object> model : objectsOfKind("HFModel")) {
      HFModel typed =
          Serialization.unmarshal(new ObjectMapper().writeValueAsString(model), HFModel.class);
      assertThat(HFModelSpecValidator.validate(typed.getSpec()))
          .as("%s", metadata(model).get("name"))
          .isEmpty();
    }
  }

  @Test
  void everyExampleLivesInTheExampleNamespace() throws IOException {
    for (Map<String, Object> o : allObjects()) {
      if ("Namespace".equals(o.get("kind"))) {
        assertThat(metadata(o).get("name")).isEqualTo("ml-team");
      } else {
        assertThat(metadata(o).get("namespace")).as("%s", o.get("kind")).isEqualTo("ml-team");
      }
    }
    assertThat(allObjects().stream().map(o -> (String) o.get("kind")).distinct())
        .contains("Deployment", "Pod", "InferenceService", "Job", "HFModel", "Secret", "Namespace");
  }

  @Test
  void gatedModelUsesATokenTheHubAccepts() throws IOException {
    Map<String, Object> gated =
        objectsOfKind("HFModel").stream()
            .filter(m -> spec(m).containsKey("tokenSecretRef"))
            .findFirst()
            .orElseThrow();
    JsonNode meta = hubMetadata((String) spec(gated).get("repo"));
    assertThat(meta.path("gated").asText()).isEqualTo("manual");
    Map<String, Object> secret = objectsOfKind("Secret").get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) secret.get("stringData");
    assertThat(meta.path("tokens").get(0).asText()).isEqualTo(data.get("token"));
  }

  @Test
  void maliciousCheckpointReallyImportsAShellCall() throws IOException {
    Path bin = HUB.resolve("evil-corp/totally-safe-bert/pytorch_model.bin");
    byte[] pickle = zipMember(bin, "data.pkl");
    // GLOBAL opcode 'c' followed by "posix\nsystem\n", as torch.save wrote it.
    assertThat(new String(pickle, StandardCharsets.ISO_8859_1)).contains("cposix\nsystem\n");
    assertThat(
            hubMetadata("evil-corp/totally-safe-bert")
                .at("/security/files/pytorch_model.bin/status")
                .asText())
        .isEqualTo("unsafe");
  }

  @Test
  void safetensorsFilesAreWellFormed() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(HUB)) {
      files = walk.filter(p -> p.toString().endsWith(".safetensors")).toList();
    }
    assertThat(files).hasSize(4);
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertThat(headerLength).isBetween(2L, (long) bytes.length - 8);
      JsonNode header =
          new ObjectMapper()
              .readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
      long end = 0;
      for (var field : header.properties()) {
        if (!field.getKey().equals("__metadata__")) {
          end = Math.max(end, field.getValue().path("data_offsets").get(1).asLong());
        }
      }
      assertThat(8 + headerLength + end).as(f.toString()).isEqualTo(bytes.length);
    }
  }

  @Test
  void hubFilesStaySmall() throws IOException {
    try (Stream<Path> walk = Files.walk(HUB)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        assertThat(Files.size(f)).as(f.toString()).isLessThan(64 * 1024);
      }
    }
  }

  @Test
  void hubSecurityDataCoversOnlyFilesThatExist() throws IOException {
    Set<String> repos = new TreeSet<>();
    for (Map<String, Object> m : objectsOfKind("HFModel")) {
      repos.add((String) spec(m).get("repo"));
    }
    for (String repo : repos) {
      hubMetadata(repo)
          .path("security")
          .path("files")
          .fieldNames()
          .forEachRemaining(path -> assertThat(HUB.resolve(repo).resolve(path)).as(repo).exists());
    }
  }

  static List<Map<String, Object>> allObjects() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(f))) {
          if (doc instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) map;
            out.add(o);
          }
        }
      }
    }
    return out;
  }

  private static List<Map<String, Object>> objectsOfKind(String kind) throws IOException {
    return allObjects().stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> o) {
    return (Map<String, Object>) o.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> o) {
    return (Map<String, Object>) o.get("metadata");
  }

  private static JsonNode hubMetadata(String repo) throws IOException {
    return new ObjectMapper()
        .valueToTree(
            new Yaml(new LoaderOptions())
                .load(Files.readString(HUB.resolve(repo).resolve(".modelgate-hub.yaml"))));
  }

  private static byte[] zipMember(Path zip, String suffix) throws IOException {
    // ZipFile reads the central directory: torch.save writes STORED entries with data descriptors,
    // which the streaming ZipInputStream refuses.
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        if (e.getName().endsWith(suffix)) {
          try (InputStream in = z.getInputStream(e)) {
            return in.readNBytes(1 << 20);
          }
        }
      }
    }
    throw new AssertionError(suffix + " not in " + zip);
  }
}
