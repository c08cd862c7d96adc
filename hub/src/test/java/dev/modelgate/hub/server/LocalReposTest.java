package dev.modelgate.hub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.testing.TestHubRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReposTest {
  @TempDir Path tmp;

  @Test
  void treeAndCommitIdsMatchGit() throws IOException {
    // Oracle: `git write-tree` and `git commit-tree` (author/committer ModelGate, date @0,
    // message "Snapshot") over the same three files.
    TestHubRepo.in(tmp, "org/repo")
        .file("config.json", "{\"a\": 1}")
        .file("sub/notes.txt", "hello")
        .file("sub-file", "x")
        .write();
    RepoSnapshot s = new LocalRepos(tmp).snapshot("org", "repo");
    assertThat(s.directories().get("")).isEqualTo("529b33067cb5257079db7c429a8838b6ebf23e81");
    assertThat(s.directories().get("sub")).isEqualTo("0d8bee9b604762624f5d9dee58a38b7ed41b4dc5");
    assertThat(s.commit()).isEqualTo("8672a983d106dace275935acfa7ea15406556e7a");
    assertThat(s.files().get("config.json").blobId())
        .isEqualTo("4a036f56bb619924ec4189bd84ed716c766971ae");
  }

  @Test
  void commitChangesWithContentOnly() throws IOException {
    Path dir = TestHubRepo.in(tmp, "org/repo").file("a.txt", "1").metadata("gated: auto\n").write();
    LocalRepos repos = new LocalRepos(tmp);
    String first = repos.snapshot("org", "repo").commit();
    assertThat(repos.snapshot("org", "repo").commit()).isEqualTo(first);
    assertThat(repos.snapshot("org", "repo").files()).doesNotContainKey(".modelgate-hub.yaml");
    Files.writeString(dir.resolve("a.txt"), "2");
    assertThat(repos.snapshot("org", "repo").commit()).isNotEqualTo(first);
  }

  @Test
  void fileDownloadsSeeMetadataChangesAtOnce() throws IOException {
    Path dir = TestHubRepo.in(tmp, "org/repo").file("a.bin", "1").write();
    LocalRepos repos = new LocalRepos(tmp);
    assertThat(repos.snapshotFor("org", "repo", "a.bin").metadata().isGated()).isFalse();
    Files.writeString(dir.resolve(".modelgate-hub.yaml"), "gated: manual\n");
    assertThat(repos.snapshotFor("org", "repo", "a.bin").metadata().isGated()).isTrue();
  }

  @Test
  void lfsByExtensionOrSize() {
    assertThat(LocalRepos.isLfs("model.safetensors", 10)).isTrue();
    assertThat(LocalRepos.isLfs("sub/weights.BIN", 10)).isTrue();
    assertThat(LocalRepos.isLfs("config.json", 10)).isFalse();
    assertThat(LocalRepos.isLfs("big.json", LocalRepos.LFS_THRESHOLD)).isTrue();
  }

  @Test
  void badNamesAndMissingReposAreNotServed() throws IOException {
    assertThat(new LocalRepos(tmp).snapshot("..", "x")).isNull();
    assertThat(new LocalRepos(tmp).snapshot("org", "missing")).isNull();
    assertThat(LocalRepos.validName("a--b")).isFalse();
  }

  @Test
  void metadataIsParsedAndBadMetadataIsAClearError() throws IOException {
    Path dir =
        TestHubRepo.in(tmp, "org/repo")
            .file("a.bin", "x")
            .metadata(
                "gated: manual\ntokens: [t1]\nrevisions: [v1]\nsecurity:\n  scansDone: true\n"
                    + "  files:\n    a.bin: unsafe\n")
            .write();
    RepoMetadata m = RepoMetadata.read(dir);
    assertThat(m.isGated()).isTrue();
    assertThat(m.tokens()).containsExactly("t1");
    assertThat(m.fileSecurity().get("a.bin").path("status").asText()).isEqualTo("unsafe");
    Files.writeString(dir.resolve(".modelgate-hub.yaml"), "gated: sometimes\n");
    assertThatThrownBy(() -> RepoMetadata.read(dir)).hasMessageContaining("gated must be");
    Files.writeString(dir.resolve(".modelgate-hub.yaml"), "tokens: {a: 1}\n");
    assertThatThrownBy(() -> RepoMetadata.read(dir)).hasMessageContaining("tokens must be a list");
  }
}
