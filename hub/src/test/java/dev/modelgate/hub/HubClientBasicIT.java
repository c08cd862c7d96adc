package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.testing.TestHubRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientBasicIT {
  @TempDir Path tmp;
  HubServer server;
  HubClient client;
  byte[] weights;

  @BeforeEach
  void start() throws Exception {
    weights = new byte[300_000];
    new Random(1).nextBytes(weights);
    TestHubRepo.in(tmp.resolve("hub"), "acme/tiny")
        .file("config.json", "{\"model_type\": \"gpt2\"}")
        .file("README.md", "---\nlicense: apache-2.0\ndatasets: [a/b]\n---\n# Tiny\n")
        .file("model.safetensors", weights)
        .file("sub dir/notes.txt", "hello")
        .write();
    server = HubServer.builder(tmp.resolve("hub")).start();
    client = HubClient.builder().endpoint(server.uri()).retryPolicy(RetryPolicy.fast(3)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void resolvesListsAndDownloadsVerified() throws Exception {
    String commit = client.resolveCommit("acme/tiny", "main");
    assertThat(commit).matches("[0-9a-f]{40}");
    ModelInfo info = client.modelInfo("acme/tiny", commit);
    assertThat(info.sha()).isEqualTo(commit);
    assertThat(info.cardData().path("license").asText()).isEqualTo("apache-2.0");
    List<RepoFile> files = client.listFiles("acme/tiny", commit);
    assertThat(files)
        .extracting(RepoFile::path)
        .containsExactlyInAnyOrder(
            "config.json", "README.md", "model.safetensors", "sub dir/notes.txt");
    RepoFile model =
        files.stream().filter(f -> f.path().equals("model.safetensors")).findFirst().orElseThrow();
    assertThat(model.lfsSha256()).isEqualTo(GitHashes.sha256(weights));
    RepoFile config =
        files.stream().filter(f -> f.path().equals("config.json")).findFirst().orElseThrow();
    assertThat(config.blobId())
        .isEqualTo(GitHashes.blobId("{\"model_type\": \"gpt2\"}".getBytes(StandardCharsets.UTF_8)));
    for (RepoFile f : files) {
      DownloadResult r =
          client.download("acme/tiny", commit, f, tmp.resolve("out").resolve(f.path()), null);
      assertThat(r.size()).isEqualTo(f.size());
    }
    assertThat(Files.readAllBytes(tmp.resolve("out/model.safetensors"))).isEqualTo(weights);
    assertThat(Files.readString(tmp.resolve("out/sub dir/notes.txt"))).isEqualTo("hello");
  }

  @Test
  void unknownRepoIsTyped() {
    assertThatThrownBy(() -> client.resolveCommit("acme/missing", "main"))
        .isInstanceOf(RepoNotFoundException.class);
  }
}
