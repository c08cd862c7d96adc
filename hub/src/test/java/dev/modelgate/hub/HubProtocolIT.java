package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.server.RecordedRequest;
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

/** The client against the real server over loopback: every protocol feature. */
class HubProtocolIT {
  static final String TOKEN = "hf_alice";

  @TempDir Path tmp;
  Path root;
  HubServer server;
  HubClient client;
  byte[] weights;

  @BeforeEach
  void start() throws Exception {
    root = tmp.resolve("hub");
    weights = new byte[200_000];
    new Random(7).nextBytes(weights);
    TestHubRepo.in(root, "acme/open")
        .file("config.json", "{\"model_type\": \"gpt2\"}")
        .file("model.safetensors", weights)
        .file("pytorch_model.bin", "pickle-ish")
        .file("onnx/model.onnx", "onnx")
        .file("onnx/deep/x.txt", "deep")
        .metadata(
            """
            revisions: [v1.0, refs/pr/1]
            formerNames: [acme/old-name]
            pipelineTag: text-generation
            tags: [safetensors]
            security:
              files:
                model.safetensors: {status: safe, avScan: {status: safe}, pickleImportScan: {status: safe}}
                pytorch_model.bin:
                  status: unsafe
                  pickleImportScan:
                    status: unsafe
                    pickleImports: [{module: builtins, name: eval, safety: dangerous}]
            """)
        .write();
    TestHubRepo.in(root, "acme/gated")
        .file("model.safetensors", "gated weights")
        .metadata("gated: manual\ntokens: [" + TOKEN + "]\n")
        .write();
    TestHubRepo.in(root, "acme/private")
        .file("a.txt", "secret")
        .metadata("private: true\ntokens: [" + TOKEN + "]\n")
        .write();
    server = HubServer.builder(root).pageSizes(2, 1).cdn(true).start();
    client = clientWith(TOKEN);
  }

  HubClient clientWith(String token) {
    return HubClient.builder()
        .endpoint(server.uri())
        .token(token)
        .retryPolicy(RetryPolicy.fast(2))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void modelInfoCarriesBlobsSecurityAndCard() throws Exception {
    ModelInfo info = client.modelInfo("acme/open", "main");
    assertThat(info.id()).isEqualTo("acme/open");
    assertThat(info.pipelineTag()).isEqualTo("text-generation");
    assertThat(info.siblings()).hasSize(5);
    RepoFile model =
        info.siblings().stream()
            .filter(f -> f.path().equals("model.safetensors"))
            .findFirst()
            .orElseThrow();
    assertThat(model.lfsSha256()).isEqualTo(GitHashes.sha256(weights));
    assertThat(model.size()).isEqualTo(weights.length);
    assertThat(info.securityStatus()).isNotNull();
    assertThat(info.securityStatus().filesWithIssues())
        .containsExactly(new SecurityRepoStatus.FileIssue("pytorch_model.bin", "unsafe"));
    assertThat(info.securityStatus().scansDone()).isFalse(); // config.json was never scanned
    assertThat(info.isGated()).isFalse();
    assertThat(client.modelInfo("acme/gated", "main").gated()).isEqualTo("manual");
  }

  @Test
  void treeListingFollowsPaginationAndMatchesModelInfo() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    server.clearRequests();
    List<RepoFile> files = client.listFiles("acme/open", commit);
    assertThat(files)
        .extracting(RepoFile::path)
        .containsExactlyInAnyOrder(
            "config.json",
            "model.safetensors",
            "pytorch_model.bin",
            "onnx/model.onnx",
            "onnx/deep/x.txt");
    // 5 files + 2 folders at 2 entries per page: 4 pages, each after the first via Link.
    List<RecordedRequest> pages = server.requests();
    assertThat(pages).hasSize(4);
    assertThat(pages.get(1).rawPathAndQuery()).contains("cursor=2");
    List<RepoFile> siblings = client.modelInfo("acme/open", commit).siblings();
    assertThat(files).containsExactlyInAnyOrderElementsOf(siblings);
  }

  @Test
  void expandedListingAndPathsInfoCarryPerFileSecurity() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    List<RepoFile> expanded = client.listFiles("acme/open", commit, true);
    RepoFile bin =
        expanded.stream()
            .filter(f -> f.path().equals("pytorch_model.bin"))
            .findFirst()
            .orElseThrow();
    assertThat(bin.security().status()).isEqualTo("unsafe");
    assertThat(bin.security().scannerStatuses()).containsEntry("pickleImportScan", "unsafe");
    assertThat(
            bin.security()
                .raw()
                .path("pickleImportScan")
                .path("pickleImports")
                .get(0)
                .path("name")
                .asText())
        .isEqualTo("eval");

    List<RepoFile> info =
        client.pathsInfo(
            "acme/open",
            commit,
            List.of("model.safetensors", "pytorch_model.bin", "nope", "onnx"),
            true);
    assertThat(info)
        .extracting(RepoFile::path)
        .containsExactlyInAnyOrder("model.safetensors", "pytorch_model.bin");
    assertThat(info).allSatisfy(f -> assertThat(f.security()).isNotNull());
    assertThat(
            info.stream()
                .filter(f -> f.path().equals("model.safetensors"))
                .findFirst()
                .orElseThrow()
                .security()
                .isSafe())
        .isTrue();
    List<RepoFile> plain = client.pathsInfo("acme/open", commit, List.of("config.json"), false);
    assertThat(plain).singleElement().satisfies(f -> assertThat(f.security()).isNull());
  }

  @Test
  void revisionsArePercentEncodedAndResolveToTheCommit() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    server.clearRequests();
    assertThat(client.resolveCommit("acme/open", "refs/pr/1")).isEqualTo(commit);
    assertThat(client.resolveCommit("acme/open", "v1.0")).isEqualTo(commit);
    assertThat(client.resolveCommit("acme/open", commit)).isEqualTo(commit);
    assertThat(server.requests().get(0).rawPathAndQuery())
        .startsWith("/api/models/acme/open/revision/refs%2Fpr%2F1");
    FileMetadata meta = client.fileMetadata("acme/open", "refs/pr/1", "config.json");
    assertThat(meta.commit()).isEqualTo(commit);
    assertThatThrownBy(() -> client.resolveCommit("acme/open", "v2.0"))
        .isInstanceOf(RevisionNotFoundException.class);
    assertThatThrownBy(() -> client.listFiles("acme/open", "0".repeat(40)))
        .isInstanceOf(RevisionNotFoundException.class);
  }

  @Test
  void headReportsCommitEtagAndLinkedSize() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    FileMetadata small = client.fileMetadata("acme/open", commit, "config.json");
    assertThat(small.commit()).isEqualTo(commit);
    assertThat(small.etag())
        .isEqualTo(GitHashes.blobId("{\"model_type\": \"gpt2\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(small.lfs()).isFalse();
    assertThat(small.size()).isEqualTo(22);

    FileMetadata lfs = client.fileMetadata("acme/open", commit, "model.safetensors");
    assertThat(lfs.etag()).isEqualTo(GitHashes.sha256(weights));
    assertThat(lfs.lfs()).isTrue();
    assertThat(lfs.size()).isEqualTo(weights.length);
    // LFS content lives on the CDN listener: the HEAD reports the redirect without following it.
    assertThat(lfs.location().toString()).startsWith(server.cdnBase());
  }

  @Test
  void tokenIsNeverSentToTheCdnButKeptOnSameOriginRedirects() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    server.clearRequests();
    client.download("acme/open", commit, "model.safetensors", tmp.resolve("m"), null);
    assertThat(Files.readAllBytes(tmp.resolve("m"))).isEqualTo(weights);
    List<RecordedRequest> reqs = server.requests();
    assertThat(reqs)
        .filteredOn(r -> r.listener().equals("cdn"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.authorization()).isNull());
    assertThat(reqs)
        .filteredOn(r -> r.listener().equals("hub"))
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));

    // A renamed repo answers with a relative redirect; the token goes along to the same host.
    server.clearRequests();
    assertThat(client.resolveCommit("acme/old-name", "main")).isEqualTo(commit);
    byte[] config = client.readFile("acme/old-name", commit, "config.json", 1000);
    assertThat(new String(config, StandardCharsets.UTF_8)).contains("gpt2");
    assertThat(server.requests())
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
    assertThat(server.requests().get(0).status()).isEqualTo(307);
  }

  @Test
  void typedErrors() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    assertThatThrownBy(() -> client.modelInfo("acme/nothing", "main"))
        .isInstanceOf(RepoNotFoundException.class);
    assertThatThrownBy(() -> client.fileMetadata("acme/open", commit, "missing.txt"))
        .isInstanceOf(EntryNotFoundException.class);
    assertThatThrownBy(
            () -> client.download("acme/open", commit, "missing.txt", tmp.resolve("x"), null))
        .isInstanceOf(EntryNotFoundException.class)
        .satisfies(e -> assertThat(((HubException) e).isTransient()).isFalse());
    assertThatThrownBy(() -> client.resolveCommit("bad--id/x", "main"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gatedReposNeedAnAllowedToken() throws Exception {
    String gatedCommit = client.resolveCommit("acme/gated", "main");
    RepoFile f = client.listFiles("acme/gated", gatedCommit).get(0);
    DownloadResult ok = client.download("acme/gated", gatedCommit, f, tmp.resolve("g1"), null);
    assertThat(ok.size()).isEqualTo(13);
    try (HubClient anonymous = clientWith(null);
        HubClient stranger = clientWith("hf_bob")) {
      // metadata stays visible, as on the Hub; file content does not
      assertThat(anonymous.resolveCommit("acme/gated", "main")).isEqualTo(gatedCommit);
      assertThatThrownBy(
              () -> anonymous.download("acme/gated", gatedCommit, f, tmp.resolve("g2"), null))
          .isInstanceOf(GatedRepoException.class)
          .satisfies(e -> assertThat(((HubException) e).status()).isEqualTo(401));
      assertThatThrownBy(
              () -> stranger.download("acme/gated", gatedCommit, f, tmp.resolve("g3"), null))
          .isInstanceOf(GatedRepoException.class)
          .satisfies(e -> assertThat(((HubException) e).status()).isEqualTo(403));
      assertThat(tmp.resolve("g3"))
          .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyFile());
      assertThatThrownBy(() -> anonymous.resolveCommit("acme/private", "main"))
          .isInstanceOf(RepoNotFoundException.class);
    }
    assertThat(client.resolveCommit("acme/private", "main")).matches("[0-9a-f]{40}");
  }

  @Test
  void unknownTokensAreUnauthorizedWhenTheServerKnowsItsTokens() throws Exception {
    try (HubServer strict = HubServer.builder(root).validTokens(List.of(TOKEN)).start();
        HubClient wrong =
            HubClient.builder()
                .endpoint(strict.uri())
                .token("hf_wrong")
                .retryPolicy(RetryPolicy.none())
                .build();
        HubClient right =
            HubClient.builder()
                .endpoint(strict.uri())
                .token(TOKEN)
                .retryPolicy(RetryPolicy.none())
                .build()) {
      assertThatThrownBy(() -> wrong.resolveCommit("acme/open", "main"))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("Invalid credentials");
      assertThat(right.resolveCommit("acme/open", "main")).matches("[0-9a-f]{40}");
    }
  }

  @Test
  void downloadByPathVerifiesSmallFilesByBlobId() throws Exception {
    String commit = client.resolveCommit("acme/open", "main");
    DownloadResult r =
        client.download("acme/open", commit, "onnx/deep/x.txt", tmp.resolve("deep/x.txt"), null);
    assertThat(r.contentId()).isEqualTo(GitHashes.blobId("deep".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(tmp.resolve("deep/x.txt"))).isEqualTo("deep");
    // a second call finds the complete file, verifies it from disk and transfers nothing
    DownloadResult again =
        client.download("acme/open", commit, "onnx/deep/x.txt", tmp.resolve("deep/x.txt"), null);
    assertThat(again.bytesTransferred()).isZero();
  }
}
