package dev.modelgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.GatedRepoException;
import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.ModelInfo;
import dev.modelgate.hub.RepoFile;
import dev.modelgate.hub.SecurityRepoStatus;
import dev.modelgate.hub.server.HubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example Hub repos, served by the real Hub server and read by the real Hub client. */
class ExampleHubIT {

  private static HubServer hub;
  private static HubClient client;

  @BeforeAll
  static void serve() throws Exception {
    hub = HubServer.builder(RepoRoot.find().resolve("examples").resolve("hub")).start();
    client = HubClient.builder().endpoint(hub.uri()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    hub.close();
  }

  @Test
  void cleanModelHasACardAndCompleteSafeScans() throws Exception {
    ModelInfo info = client.modelInfo("acme-ml/tiny-chat", "main");
    assertThat(info.sha()).matches("[0-9a-f]{40}");
    assertThat(info.cardData().path("license").asText()).isEqualTo("apache-2.0");
    assertThat(info.siblings())
        .extracting(RepoFile::path)
        .contains("model.safetensors", "README.md");
    SecurityRepoStatus security = info.securityStatus();
    assertThat(security.scansDone()).isTrue();
    assertThat(security.filesWithIssues()).isEmpty();
  }

  @Test
  void hubFlagsTheMaliciousAndTheSketchyModels() throws Exception {
    assertThat(
            client
                .modelInfo("evil-corp/totally-safe-bert", "main")
                .securityStatus()
                .filesWithIssues())
        .extracting(SecurityRepoStatus.FileIssue::path)
        .containsExactly("pytorch_model.bin");
    assertThat(client.modelInfo("shady-lab/sketchy-llm", "main").securityStatus().filesWithIssues())
        .extracting(SecurityRepoStatus.FileIssue::path)
        .containsExactly("model.safetensors");
    assertThat(client.modelInfo("google/tiny-demo-lm", "main").securityStatus().scansDone())
        .isFalse();
  }

  @Test
  void gatedModelNeedsItsToken(@TempDir Path dir) throws Exception {
    String commit = client.resolveCommit("acme-ml/licensed-llm", "main");
    assertThatThrownBy(
            () ->
                client.download(
                    "acme-ml/licensed-llm",
                    commit,
                    "model.safetensors",
                    dir.resolve("no-token"),
                    null))
        .isInstanceOf(GatedRepoException.class);

    try (HubClient withToken =
        HubClient.builder().endpoint(hub.uri()).token("hf_modelgate_demo_token").build()) {
      List<RepoFile> files = withToken.listFiles("acme-ml/licensed-llm", commit);
      RepoFile weights =
          files.stream()
              .filter(f -> f.path().equals("model.safetensors"))
              .findFirst()
              .orElseThrow();
      Path target = dir.resolve("model.safetensors");
      withToken.download("acme-ml/licensed-llm", commit, weights, target, null);
      assertThat(Files.size(target)).isEqualTo(weights.size());
    }
  }
}
