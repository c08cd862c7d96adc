package dev.modelgate.operator.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model store: a folder laid out like the Hugging Face cache, one per namespace, so pods mount
 * {@code <store>/<namespace>} read-only with {@code HF_HUB_CACHE=<mount>/hub} and {@code
 * HF_HUB_OFFLINE=1}.
 *
 * <pre>
 * &lt;store&gt;/&lt;namespace&gt;/hub/models--org--name/
 *     blobs/&lt;sha256 or git blob id&gt;             verified bytes of Available models only
 *     snapshots/&lt;commit&gt;/&lt;path&gt;                 relative symlinks to ../../blobs/&lt;id&gt;
 *     refs/&lt;revision&gt;                             the commit, e.g. refs/main
 * &lt;store&gt;/.modelgate/                           private; never mounted by workloads
 *     staging/&lt;namespace&gt;/&lt;hfmodel&gt;/&lt;id&gt;         downloads in progress (resumed after restarts)
 *     objects/&lt;namespace&gt;/&lt;id&gt;                   verified bytes, whatever the decision
 *     reports/&lt;namespace&gt;/&lt;hfmodel&gt;.json         cached scan reports ({@link ModelReport})
 *     claims/&lt;namespace&gt;/&lt;hfmodel&gt;.json          what each HFModel has published ({@link Claim})
 * </pre>
 *
 * Bytes reach {@code blobs/} only by hard link (or copy and rename) from {@code objects/}, which
 * holds only verified files, and a snapshot folder appears whole by rename; so a reader never sees
 * an unverified or half-written file. Quarantined models keep their objects so a policy change can
 * publish them without downloading again. Namespace names cannot start with a dot, so {@code
 * .modelgate} never collides with a namespace folder.
 */
public final class ModelStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final String PRIVATE = ".modelgate";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final Map<String, Object> namespaceLocks = new ConcurrentHashMap<>();
  private final ClaimFiles claims;

  public ModelStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root.resolve(PRIVATE));
    this.claims = new ClaimFiles(JSON, ns -> privateDir("claims", ns));
  }

  public Path root() {
    return root;
  }

  /** The folder a namespace's pods mount ({@code HF_HUB_CACHE} is its {@code hub} child). */
  public Path namespaceDir(String namespace) {
    return root.resolve(checkName(namespace));
  }

  /** {@code <store>/<ns>/hub/models--org--name}. */
  public Path repoDir(String namespace, String repo) {
    return namespaceDir(namespace).resolve("hub").resolve(RepoPaths.cacheFolder(repo));
  }

  /** {@code <store>/<ns>/hub/models--org--name/snapshots/<commit>}. */
  public Path snapshotDir(String namespace, String repo, String commit) {
    return repoDir(namespace, repo).resolve("snapshots").resolve(RepoPaths.checkCommit(commit));
  }

  /** Where a file of an HFModel is downloaded to (kept across restarts so downloads resume). */
  public Path stagingFile(String namespace, String name, String contentId) {
    return stagingDir(namespace, name).resolve(RepoPaths.checkContentId(contentId));
  }

  /** Deletes an HFModel's partial downloads. */
  public void clearStaging(String namespace, String name) throws IOException {
    AtomicFiles.deleteTree(stagingDir(namespace, name));
  }

  /** The verified copy of a blob, whether or not it exists yet. */
  public Path objectPath(String namespace, String contentId) {
    return privateDir("objects", namespace).resolve(RepoPaths.checkContentId(contentId));
  }

  /** Whether verified bytes for {@code contentId} are already in the namespace's objects. */
  public boolean hasObject(String namespace, String contentId) {
    return Files.isRegularFile(objectPath(namespace, contentId), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Moves a verified download into the objects. Call only after the bytes were verified against
   * {@code contentId}.
   */
  public Path adopt(String namespace, String contentId, Path verified) throws IOException {
    Path object = objectPath(namespace, contentId);
    Files.createDirectories(object.getParent());
    if (Files.exists(object)) {
      Files.deleteIfExists(verified);
    } else {
      Files.move(verified, object, StandardCopyOption.ATOMIC_MOVE);
    }
    return object;
  }

  /** The cached report of an HFModel, if one exists and is readable in the current format. */
  public Optional<ModelReport> readReport(String namespace, String name) {
    Path file = reportFile(namespace, name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ModelReport r = JSON.readValue(file.toFile(), ModelReport.class);
      return r.formatVersion() == ModelReport.FORMAT_VERSION ? Optional.of(r) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable scan report {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** Writes an HFModel's report atomically. */
  public void writeReport(String namespace, String name, ModelReport report) throws IOException {
    AtomicFiles.write(reportFile(namespace, name), JSON.writeValueAsBytes(report));
  }

  /** {@code .modelgate/reports/<namespace>/<name>.json}. */
  public Path reportFile(String namespace, String name) {
    return privateDir("reports", namespace).resolve(checkName(name) + ".json");
  }

  /**
   * Publishes an HFModel's files: blobs linked from the objects, a snapshot of symlinks, a ref
   * named after the revision. Replaces what this HFModel published before (another commit or repo).
   *
   * @return the snapshot folder
   * @throws IOException if an object is missing (callers fetch first)
   */
  public Path publish(String namespace, String name, Claim claim) throws IOException {
    for (Claim.Entry e : claim.files()) {
      RepoPaths.checkRepoFilePath(e.path());
      if (!hasObject(namespace, e.contentId())) {
        throw new IOException("no verified object for " + e.path() + " (" + e.contentId() + ")");
      }
    }
    synchronized (lock(namespace)) {
      Optional<Claim> previous = claims.get(namespace, name);
      // Re-publishing the same claim (every re-decision of an Available model) only repairs
      // missing links: the union of the claims is unchanged, so there is nothing to write or prune.
      boolean unchanged = previous.isPresent() && previous.get().equals(claim);
      if (!unchanged) {
        claims.put(namespace, name, claim);
      }
      Path repoDir = repoDir(namespace, claim.repo());
      for (Claim.Entry e : claim.files()) {
        linkBlob(namespace, repoDir, e.contentId());
      }
      Path snapshot = snapshotDir(namespace, claim.repo(), claim.commit());
      linkSnapshot(repoDir, snapshot, claim);
      if (!unchanged) {
        writeRef(repoDir, claim);
        if (previous.isPresent()) {
          pruneUnlessCovered(namespace, previous.get());
        }
      }
      return snapshot;
    }
  }

  /** Withdraws what an HFModel published; files other HFModels still publish stay. */
  public void unpublish(String namespace, String name) throws IOException {
    synchronized (lock(namespace)) {
      Optional<Claim> previous = claims.remove(namespace, name);
      if (previous.isPresent()) {
        pruneUnlessCovered(namespace, previous.get());
      }
    }
  }

  /**
   * Prunes the repo folder of a claim that was withdrawn or replaced, unless the remaining claims
   * still publish all of it. With many HFModels on one repo (a policy edit flips them all) the
   * common case is covered, and costs no file system call under the namespace lock.
   */
  private void pruneUnlessCovered(String namespace, Claim gone) throws IOException {
    for (Claim c : claims.all(namespace)) {
      if (c.repo().equals(gone.repo())
          && c.commit().equals(gone.commit())
          && c.files().containsAll(gone.files())) {
        return; // the usual case: another HFModel publishes the very same files
      }
    }
    Set<String> paths = new HashSet<>();
    Set<String> blobs = new HashSet<>();
    for (Claim c : claims.all(namespace)) {
      if (c.repo().equals(gone.repo()) && c.commit().equals(gone.commit())) {
        c.files().forEach(e -> paths.add(e.path()));
      }
      if (c.repo().equals(gone.repo())) {
        c.files().forEach(e -> blobs.add(e.contentId()));
      }
    }
    boolean covered =
        gone.files().stream()
            .allMatch(e -> paths.contains(e.path()) && blobs.contains(e.contentId()));
    if (!covered) {
      prune(namespace, gone.repo());
    }
  }

  /**
   * Forgets an HFModel entirely: unpublishes it, drops its downloads, report and orphan objects.
   */
  public void forget(String namespace, String name) throws IOException {
    unpublish(namespace, name);
    clearStaging(namespace, name);
    synchronized (lock(namespace)) {
      Files.deleteIfExists(reportFile(namespace, name));
      Set<String> used = new HashSet<>();
      for (ModelReport r : allReports(namespace)) {
        r.files().forEach(f -> used.add(f.contentId()));
      }
      Path objects = privateDir("objects", namespace);
      if (Files.isDirectory(objects)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(objects)) {
          for (Path p : ds) {
            if (!used.contains(p.getFileName().toString())) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
    }
  }

  private void linkBlob(String namespace, Path repoDir, String contentId) throws IOException {
    Path blob = repoDir.resolve("blobs").resolve(contentId);
    if (Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.createDirectories(blob.getParent());
    Path object = objectPath(namespace, contentId);
    Path tmp = AtomicFiles.tempSibling(blob);
    try {
      try {
        Files.createLink(tmp, object);
      } catch (UnsupportedOperationException | IOException e) {
        // Hard links fail across devices or on some volumes; a copy is as good, just larger.
        Files.copy(object, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, blob, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // Another publish got there first with the same verified content.
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void linkSnapshot(Path repoDir, Path snapshot, Claim claim) throws IOException {
    if (!Files.isDirectory(snapshot)) {
      // Build the whole snapshot aside and rename it into place: it appears complete or not at all.
      Path building = AtomicFiles.tempSibling(snapshot);
      try {
        for (Claim.Entry e : claim.files()) {
          Path link = building.resolve(e.path());
          Files.createDirectories(link.getParent());
          Files.createSymbolicLink(link, blobTarget(e));
        }
        Files.createDirectories(building);
        Files.move(building, snapshot, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        AtomicFiles.deleteTree(building);
      } catch (IOException e) {
        AtomicFiles.deleteTree(building);
        throw e;
      }
    }
    for (Claim.Entry e : claim.files()) {
      Path link = snapshot.resolve(e.path());
      Path target = blobTarget(e);
      if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
        continue;
      }
      AtomicFiles.symlink(link, target);
    }
  }

  /**
   * {@code ../../blobs/<id>} from {@code snapshots/<commit>/<path>}, one more {@code ..} a level.
   */
  private static Path blobTarget(Claim.Entry e) {
    int depth = e.path().split("/").length - 1;
    return Path.of("../".repeat(2 + depth) + "blobs/" + e.contentId());
  }

  private void writeRef(Path repoDir, Claim claim) throws IOException {
    if (claim.revision() == null || claim.revision().equals(claim.commit())) {
      return;
    }
    Path ref = repoDir.resolve("refs").resolve(claim.revision()).normalize();
    if (!ref.startsWith(repoDir.resolve("refs"))) {
      throw new IOException("unsafe revision name: " + claim.revision());
    }
    AtomicFiles.write(ref, claim.commit().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /**
   * Makes a repo folder show exactly the union of the remaining claims on it: extra snapshot links,
   * empty snapshots, refs to dropped commits and unreferenced blobs are removed.
   */
  private void prune(String namespace, String repo) throws IOException {
    Path repoDir = repoDir(namespace, repo);
    if (!Files.isDirectory(repoDir)) {
      return;
    }
    Map<String, Set<String>> pathsByCommit = new HashMap<>();
    Set<String> blobs = new HashSet<>();
    Map<String, String> refs = new HashMap<>();
    for (Claim c : claims.all(namespace)) {
      if (!c.repo().equals(repo)) {
        continue;
      }
      Set<String> paths = pathsByCommit.computeIfAbsent(c.commit(), k -> new HashSet<>());
      c.files().forEach(e -> paths.add(e.path()));
      c.files().forEach(e -> blobs.add(e.contentId()));
      if (c.revision() != null) {
        refs.put(c.revision(), c.commit());
      }
    }
    pruneSnapshots(repoDir.resolve("snapshots"), pathsByCommit);
    pruneRefs(repoDir.resolve("refs"), pathsByCommit.keySet());
    pruneFlat(repoDir.resolve("blobs"), blobs);
  }

  private void pruneSnapshots(Path snapshots, Map<String, Set<String>> keep) throws IOException {
    if (!Files.isDirectory(snapshots)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(snapshots)) {
      for (Path snap : ds) {
        Set<String> paths = keep.get(snap.getFileName().toString());
        if (paths == null) {
          AtomicFiles.deleteTree(snap);
          continue;
        }
        List<Path> links = new ArrayList<>();
        try (var walk = Files.walk(snap)) {
          walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(links::add);
        }
        for (Path link : links) {
          String rel = snap.relativize(link).toString().replace('\\', '/');
          if (!paths.contains(rel)) {
            Files.deleteIfExists(link);
          }
        }
      }
    }
  }

  private void pruneRefs(Path refs, Set<String> liveCommits) throws IOException {
    if (!Files.isDirectory(refs)) {
      return;
    }
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(refs)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) {
      String commit = Files.readString(f).trim();
      if (!liveCommits.contains(commit)) {
        Files.deleteIfExists(f);
      }
    }
  }

  private void pruneFlat(Path dir, Set<String> keep) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (!keep.contains(p.getFileName().toString())) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private List<ModelReport> allReports(String namespace) throws IOException {
    return readAll(privateDir("reports", namespace), ModelReport.class);
  }

  private static <T> List<T> readAll(Path dir, Class<T> type) throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : ds) {
        try {
          out.add(JSON.readValue(p.toFile(), type));
        } catch (IOException e) {
          LOG.warn("ignoring unreadable {}: {}", p, e.toString());
        }
      }
    }
    return out;
  }

  private Path stagingDir(String namespace, String name) {
    return privateDir("staging", namespace).resolve(checkName(name));
  }

  private Path privateDir(String kind, String namespace) {
    return root.resolve(PRIVATE).resolve(kind).resolve(checkName(namespace));
  }

  private Object lock(String namespace) {
    return namespaceLocks.computeIfAbsent(namespace, k -> new Object());
  }

  /** Kubernetes names are DNS labels/subdomains: no slashes, no leading dot. */
  static String checkName(String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > 253
        || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new IllegalArgumentException("not a Kubernetes name: '" + name + "'");
    }
    return name;
  }
}
