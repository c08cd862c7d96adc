package dev.modelgate.hub.server;

import dev.modelgate.hub.GitHashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The repos under a root folder, laid out {@code ROOT/<org>/<name>/...}. Files are hashed once and
 * re-hashed only when their size or modification time changes, so a 1 GiB file costs one pass.
 */
public final class LocalRepos {
  /** Files at or above this size are LFS files, as the Hub's default pre-upload rules make them. */
  public static final long LFS_THRESHOLD = 10L * 1024 * 1024;

  /** Extensions the Hub's default {@code .gitattributes} stores in LFS, whatever their size. */
  private static final Set<String> LFS_EXTENSIONS =
      Set.of(
          "7z",
          "arrow",
          "bin",
          "bz2",
          "ckpt",
          "ftz",
          "gz",
          "h5",
          "joblib",
          "mlmodel",
          "model",
          "msgpack",
          "npy",
          "npz",
          "onnx",
          "ot",
          "parquet",
          "pb",
          "pickle",
          "pkl",
          "pt",
          "pth",
          "rar",
          "safetensors",
          "tar",
          "tflite",
          "tgz",
          "wasm",
          "xz",
          "zip",
          "zst",
          "gguf",
          "keras");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,96}");
  private static final int MAX_FILES = 100_000;

  private final Path root;
  private final Map<Path, RepoSnapshot.FileEntry> hashes = new ConcurrentHashMap<>();
  private final Map<String, RepoSnapshot> latest = new ConcurrentHashMap<>();
  private final Map<String, Object> repoLocks = new ConcurrentHashMap<>();
  private final Map<String, Long> metadataStamps = new ConcurrentHashMap<>();

  /** Serves the repos under {@code root}. */
  public LocalRepos(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /** True when {@code org/name} is a well-formed repo id whose folder exists. */
  public boolean exists(String org, String name) {
    return validName(org) && validName(name) && Files.isDirectory(root.resolve(org).resolve(name));
  }

  static boolean validName(String s) {
    return s != null
        && NAME.matcher(s).matches()
        && !s.startsWith(".")
        && !s.contains("--")
        && !s.contains("..");
  }

  /** Every repo id under the root that has a folder. */
  public List<String> repoIds() throws IOException {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(root)) return ids;
    try (var orgs = Files.list(root)) {
      for (Path org : orgs.sorted().toList()) {
        if (!Files.isDirectory(org) || !validName(org.getFileName().toString())) continue;
        try (var names = Files.list(org)) {
          for (Path n : names.sorted().toList()) {
            if (Files.isDirectory(n) && validName(n.getFileName().toString())) {
              ids.add(org.getFileName() + "/" + n.getFileName());
            }
          }
        }
      }
    }
    return ids;
  }

  /**
   * The repo as it is on disk now (walks the folder; unchanged files are not re-hashed), or null
   * when there is no such repo.
   */
  public RepoSnapshot snapshot(String org, String name) throws IOException {
    if (!exists(org, name)) return null;
    String id = org + "/" + name;
    // One walk per repo at a time: concurrent first requests must not hash a big file twice.
    synchronized (repoLocks.computeIfAbsent(id, k -> new Object())) {
      return walkAndHash(org, name, id);
    }
  }

  private RepoSnapshot walkAndHash(String org, String name, String id) throws IOException {
    Path dir = root.resolve(org).resolve(name);
    long stamp = metadataStamp(dir);
    RepoMetadata meta = RepoMetadata.read(dir);
    List<Path> paths = walk(dir);
    SortedMap<String, RepoSnapshot.FileEntry> files = new TreeMap<>();
    long newest = 0;
    for (Path p : paths) {
      RepoSnapshot.FileEntry e = entry(dir, p);
      files.put(e.path(), e);
      newest = Math.max(newest, e.mtimeMillis());
    }
    Map<String, String> dirs = new HashMap<>();
    String rootTree = treeId("", files, dirs);
    String commit = commitId(rootTree);
    RepoSnapshot s = new RepoSnapshot(id, dir, commit, files, Map.copyOf(dirs), meta, newest);
    latest.put(id, s);
    metadataStamps.put(id, stamp);
    return s;
  }

  /**
   * The last snapshot if {@code path} in it is unchanged on disk (the cheap path for file
   * downloads), else a fresh one.
   */
  public RepoSnapshot snapshotFor(String org, String name, String path) throws IOException {
    String id = org + "/" + name;
    RepoSnapshot s = latest.get(id);
    if (s != null && path != null) {
      RepoSnapshot.FileEntry e = s.files().get(path);
      // access rules live in the metadata file: a changed file must not be served stale
      boolean sameMetadata = metadataStamps.getOrDefault(id, -2L) == metadataStamp(s.dir());
      if (e != null && sameMetadata && unchanged(e)) return s;
    }
    return snapshot(org, name);
  }

  /** Modification time of the repo's metadata file, or -1 when it has none. */
  private static long metadataStamp(Path dir) {
    try {
      return Files.getLastModifiedTime(
              dir.resolve(RepoMetadata.FILE_NAME), LinkOption.NOFOLLOW_LINKS)
          .toMillis();
    } catch (IOException absent) {
      return -1;
    }
  }

  private static boolean unchanged(RepoSnapshot.FileEntry e) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(e.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile()
          && a.size() == e.size()
          && a.lastModifiedTime().toMillis() == e.mtimeMillis();
    } catch (IOException gone) {
      return false;
    }
  }

  private static List<Path> walk(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (!d.equals(dir) && d.getFileName().toString().equals(".git")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            // Symlinks are skipped: a repo folder must not serve files from elsewhere.
            if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
            if (dir.relativize(f).toString().equals(RepoMetadata.FILE_NAME)) {
              return FileVisitResult.CONTINUE;
            }
            out.add(f);
            if (out.size() > MAX_FILES) {
              throw new IOException(dir + " has more than " + MAX_FILES + " files");
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  private RepoSnapshot.FileEntry entry(Path dir, Path f) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    RepoSnapshot.FileEntry cached = hashes.get(f);
    if (cached != null
        && cached.size() == a.size()
        && cached.mtimeMillis() == a.lastModifiedTime().toMillis()) {
      return cached;
    }
    String path = dir.relativize(f).toString().replace('\\', '/');
    long size = a.size();
    RepoSnapshot.FileEntry e;
    if (isLfs(path, size)) {
      String sha = hash(f, GitHashes.newSha256());
      String pointer = GitHashes.lfsPointer(sha, size);
      e =
          new RepoSnapshot.FileEntry(
              path,
              f,
              size,
              a.lastModifiedTime().toMillis(),
              GitHashes.blobId(pointer.getBytes(StandardCharsets.UTF_8)),
              sha);
    } else {
      String blob = hash(f, GitHashes.newBlobDigest(size));
      e = new RepoSnapshot.FileEntry(path, f, size, a.lastModifiedTime().toMillis(), blob, null);
    }
    hashes.put(f, e);
    return e;
  }

  /** LFS by the Hub's rules: big files, or extensions its default .gitattributes tracks. */
  static boolean isLfs(String path, long size) {
    if (size >= LFS_THRESHOLD) return true;
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.contains("tfevents") || name.contains(".tar.")) return true;
    int dot = name.lastIndexOf('.');
    return dot >= 0 && LFS_EXTENSIONS.contains(name.substring(dot + 1));
  }

  private static String hash(Path f, MessageDigest md) throws IOException {
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return GitHashes.hex(md.digest());
  }

  /** The git tree id of folder {@code dir}, filling {@code out} with every sub-folder's id. */
  private static String treeId(
      String dir, SortedMap<String, RepoSnapshot.FileEntry> files, Map<String, String> out) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Map<String, Boolean> names = new TreeMap<>(); // name -> isDirectory
    for (String p : files.keySet()) {
      if (!p.startsWith(prefix)) continue;
      String rest = p.substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) names.put(rest, false);
      else names.put(rest.substring(0, slash), true);
    }
    // git orders entries by name, comparing a folder as if its name ended in "/"
    List<Map.Entry<String, Boolean>> sorted = new ArrayList<>(names.entrySet());
    sorted.sort(
        Comparator.comparing(
            (Map.Entry<String, Boolean> e) -> e.getKey() + (e.getValue() ? "/" : ""),
            LocalRepos::compareBytes));
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, Boolean> e : sorted) {
      String child = prefix + e.getKey();
      String id = e.getValue() ? treeId(child, files, out) : files.get(child).blobId();
      body.writeBytes(
          ((e.getValue() ? "40000 " : "100644 ") + e.getKey() + "\0")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(GitHashes.unhex(id));
    }
    byte[] content = body.toByteArray();
    MessageDigest md = GitHashes.sha1();
    md.update(("tree " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
    String id = GitHashes.hex(md.digest(content));
    out.put(dir, id);
    return id;
  }

  private static int compareBytes(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** A git commit over {@code tree} with fixed author and date, so equal content → equal id. */
  static String commitId(String tree) {
    String body =
        "tree "
            + tree
            + "\nauthor ModelGate <hub@modelgate.dev> 0 +0000\n"
            + "committer ModelGate <hub@modelgate.dev> 0 +0000\n\nSnapshot\n";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    MessageDigest md = GitHashes.sha1();
    md.update(("commit " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return GitHashes.hex(md.digest(bytes));
  }
}
