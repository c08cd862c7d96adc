package dev.modelgate.operator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String COMMIT2 = "1123456789abcdef0123456789abcdef01234567";

  @TempDir Path root;

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** Puts verified bytes into the objects the way the pipeline does: staged, then adopted. */
  private String object(ModelStore store, String ns, String content) throws Exception {
    String id = sha256(content);
    Path staged = store.stagingFile(ns, "m", id);
    Files.createDirectories(staged.getParent());
    Files.writeString(staged, content);
    store.adopt(ns, id, staged);
    return id;
  }

  @Test
  void publishLaysOutTheHuggingFaceCache() throws Exception {
    ModelStore store = new ModelStore(root);
    String cfg = object(store, "ml", "{\"a\":1}");
    String weights = object(store, "ml", "weights");
    Path snap =
        store.publish(
            "ml",
            "smol",
            new Claim(
                "org/smol",
                "main",
                COMMIT,
                List.of(
                    new Claim.Entry("config.json", cfg),
                    new Claim.Entry("onnx/model.safetensors", weights))));

    Path repo = root.resolve("ml/hub/models--org--smol");
    assertThat(snap).isEqualTo(repo.resolve("snapshots/" + COMMIT));
    assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT);
    assertThat(repo.resolve("blobs/" + cfg)).hasContent("{\"a\":1}");
    Path link = snap.resolve("onnx/model.safetensors");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../../../blobs/" + weights);
    assertThat(Files.readString(link)).isEqualTo("weights");
    assertThat(Files.readSymbolicLink(snap.resolve("config.json")).toString())
        .isEqualTo("../../blobs/" + cfg);
    // nothing private leaks into the namespace folder
    try (var walk = Files.walk(root.resolve("ml"))) {
      assertThat(walk.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".tmp-") || n.startsWith(".modelgate"));
    }
  }

  @Test
  void publishingRequiresVerifiedObjects() throws Exception {
    ModelStore store = new ModelStore(root);
    String id = sha256("never adopted");
    assertThatThrownBy(
            () ->
                store.publish(
                    "ml",
                    "m",
                    new Claim("o/n", "main", COMMIT, List.of(new Claim.Entry("x.bin", id)))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no verified object");
    assertThat(root.resolve("ml")).doesNotExist();
  }

  @Test
  void sharedSnapshotKeepsTheOtherModelsFilesWhenOneIsWithdrawn() throws Exception {
    ModelStore store = new ModelStore(root);
    String a = object(store, "ml", "a");
    String b = object(store, "ml", "b");
    store.publish("ml", "one", new Claim("o/n", "main", COMMIT, List.of(new Claim.Entry("a", a))));
    store.publish(
        "ml",
        "two",
        new Claim(
            "o/n", "main", COMMIT, List.of(new Claim.Entry("a", a), new Claim.Entry("b", b))));
    store.unpublish("ml", "two");

    Path repo = store.repoDir("ml", "o/n");
    assertThat(repo.resolve("snapshots/" + COMMIT + "/a")).hasContent("a");
    assertThat(repo.resolve("snapshots/" + COMMIT + "/b")).doesNotExist();
    assertThat(repo.resolve("blobs/" + b)).doesNotExist();
    assertThat(repo.resolve("refs/main")).exists();

    store.unpublish("ml", "one");
    assertThat(repo.resolve("snapshots/" + COMMIT)).doesNotExist();
    assertThat(repo.resolve("refs/main")).doesNotExist();
    assertThat(repo.resolve("blobs/" + a)).doesNotExist();
    // withdrawn, not forgotten: the verified bytes stay private for a later re-publish
    assertThat(store.hasObject("ml", a)).isTrue();
  }

  @Test
  void aRestartedStoreKnowsTheClaimsOnDiskAndRepairsWhatASameClaimPublishes() throws Exception {
    ModelStore first = new ModelStore(root);
    String a = object(first, "ml", "a");
    Claim claim = new Claim("o/n", "main", COMMIT, List.of(new Claim.Entry("a", a)));
    first.publish("ml", "one", claim);
    first.publish("ml", "two", claim);

    // A new operator process: the claims come from disk, so "one" still holds the snapshot.
    ModelStore second = new ModelStore(root);
    second.unpublish("ml", "two");
    Path snapshot = second.snapshotDir("ml", "o/n", COMMIT);
    assertThat(snapshot.resolve("a")).hasContent("a");

    // Publishing the same claim again writes no claim but puts back a link that went missing.
    Files.delete(snapshot.resolve("a"));
    assertThat(second.publish("ml", "one", claim)).isEqualTo(snapshot);
    assertThat(snapshot.resolve("a")).hasContent("a");

    second.unpublish("ml", "one");
    assertThat(snapshot).doesNotExist();
    assertThat(root.resolve(".modelgate/claims/ml")).isEmptyDirectory();
  }

  @Test
  void republishingAtANewCommitReplacesTheOldSnapshot() throws Exception {
    ModelStore store = new ModelStore(root);
    String a = object(store, "ml", "a");
    String a2 = object(store, "ml", "a2");
    store.publish("ml", "m", new Claim("o/n", "main", COMMIT, List.of(new Claim.Entry("a", a))));
    store.publish("ml", "m", new Claim("o/n", "main", COMMIT2, List.of(new Claim.Entry("a", a2))));
    Path repo = store.repoDir("ml", "o/n");
    assertThat(repo.resolve("snapshots/" + COMMIT)).doesNotExist();
    assertThat(repo.resolve("snapshots/" + COMMIT2 + "/a")).hasContent("a2");
    assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT2);
    assertThat(repo.resolve("blobs/" + a)).doesNotExist();
  }

  @Test
  void forgetDropsOrphanObjectsReportsAndStaging() throws Exception {
    ModelStore store = new ModelStore(root);
    String a = object(store, "ml", "a");
    store.publish("ml", "m", new Claim("o/n", "main", COMMIT, List.of(new Claim.Entry("a", a))));
    Path partial = store.stagingFile("ml", "m", sha256("partial"));
    Files.writeString(partial, "half");
    store.forget("ml", "m");
    assertThat(store.hasObject("ml", a)).isFalse();
    assertThat(partial).doesNotExist();
    assertThat(store.repoDir("ml", "o/n").resolve("snapshots")).isEmptyDirectory();
  }

  @Test
  void hostileNamesNeverBecomePaths() throws Exception {
    ModelStore store = new ModelStore(root);
    String a = object(store, "ml", "a");
    for (String bad : List.of("../x", "/etc/passwd", "a/../../b", "a//b", "a\\b", "./a", "")) {
      assertThatThrownBy(
              () ->
                  store.publish(
                      "ml",
                      "m",
                      new Claim("o/n", "main", COMMIT, List.of(new Claim.Entry(bad, a)))))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.stagingFile("ml", "m", "../../etc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.stagingFile("../x", "m", a))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.reportFile("ml", ".hidden"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportRoundTripsAndBadReportsAreIgnored() throws Exception {
    ModelStore store = new ModelStore(root);
    ModelReport r =
        new ModelReport(
            ModelReport.FORMAT_VERSION,
            "o/n",
            "main",
            COMMIT,
            List.of("*.json"),
            "1.0.0",
            "2026-01-01T00:00:00Z",
            null,
            "---\nlicense: mit\n---\n",
            new HubSecurityView("COMPLETE", "SAFE", null),
            List.of(
                new ScannedFile(
                    "config.json",
                    7,
                    sha256("x"),
                    null,
                    "a".repeat(40),
                    "json",
                    dev.modelgate.crds.Severity.NONE,
                    List.of(),
                    null,
                    null)));
    store.writeReport("ml", "m", r);
    assertThat(store.readReport("ml", "m")).contains(r);
    Files.writeString(store.reportFile("ml", "m"), "{not json");
    assertThat(store.readReport("ml", "m")).isEmpty();
  }
}
