package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitHashesTest {
  // Oracles below come from `git hash-object` on the same bytes.
  @Test
  void blobIdMatchesGit() {
    assertThat(GitHashes.blobId("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("4a036f56bb619924ec4189bd84ed716c766971ae");
    assertThat(GitHashes.blobId(new byte[0])).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  }

  @Test
  void lfsPointerBlobIdMatchesGit() {
    String sha = GitHashes.sha256("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(sha).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    String pointer = GitHashes.lfsPointer(sha, 5);
    assertThat(GitHashes.blobId(pointer.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("d1ca116d6733584c13cb8bb50b21d5b5b81ee28f");
  }

  @Test
  void commitShaRecognition() {
    assertThat(GitHashes.isCommitSha("8672a983d106dace275935acfa7ea15406556e7a")).isTrue();
    assertThat(GitHashes.isCommitSha("main")).isFalse();
    assertThat(GitHashes.isCommitSha("8672A983D106DACE275935ACFA7EA15406556E7A")).isFalse();
    assertThat(
            GitHashes.isSha256("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"))
        .isTrue();
  }
}
