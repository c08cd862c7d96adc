package dev.modelgate.hub.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One repo folder frozen at a point in time: its files with the ids the Hub would compute, its
 * folders with git tree ids, and the commit id derived from all of them.
 *
 * @param id {@code org/name}
 * @param dir the repo folder
 * @param commit deterministic git commit id over the root tree
 * @param files every file by path, sorted
 * @param directories git tree id of every folder by path (root is {@code ""})
 * @param metadata the repo's {@code .modelgate-hub.yaml}
 * @param lastModifiedMillis newest file modification time
 */
public record RepoSnapshot(
    String id,
    Path dir,
    String commit,
    SortedMap<String, FileEntry> files,
    Map<String, String> directories,
    RepoMetadata metadata,
    long lastModifiedMillis) {

  /**
   * One file.
   *
   * @param path repo path
   * @param file the file on disk
   * @param size content size
   * @param mtimeMillis modification time when hashed
   * @param blobId git blob id (of the LFS pointer for LFS files)
   * @param sha256 content SHA-256 for LFS files, else null
   */
  public record FileEntry(
      String path, Path file, long size, long mtimeMillis, String blobId, String sha256) {
    /** True for LFS files. */
    public boolean isLfs() {
      return sha256 != null;
    }

    /** What the Hub sends as etag: the SHA-256 for LFS files, the blob id otherwise. */
    public String etag() {
      return sha256 != null ? sha256 : blobId;
    }

    /** Size of the LFS pointer file. */
    public int pointerSize() {
      return dev.modelgate.hub.GitHashes.lfsPointer(sha256, size).length();
    }
  }

  /** True when {@code revision} names this snapshot: main, the commit, or a configured name. */
  public boolean hasRevision(String revision) {
    return revision.equals("main")
        || revision.equals(commit)
        || revision.equals("refs/heads/main")
        || metadata.revisions().contains(revision)
        || metadata.revisions().stream().anyMatch(r -> revision.equals("refs/tags/" + r));
  }

  /** Entries directly inside {@code dir} ({@code ""} for the root): paths of files and folders. */
  public List<String> children(String dir) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (String p : files.keySet()) {
      if (!p.startsWith(prefix)) continue;
      String rest = p.substring(prefix.length());
      int slash = rest.indexOf('/');
      out.add(prefix + (slash < 0 ? rest : rest.substring(0, slash)));
    }
    return List.copyOf(out);
  }
}
