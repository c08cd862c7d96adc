package dev.modelgate.hub;

/**
 * One file of a repository at a commit, as the tree listing, paths-info or model info (with blobs)
 * report it.
 *
 * @param path path inside the repo, {@code /}-separated
 * @param size size in bytes of the real content (for LFS files the LFS size, not the pointer's)
 * @param blobId the git blob id (for LFS files: of the pointer file), or null if not reported
 * @param lfsSha256 SHA-256 of the content for LFS files, else null
 * @param security the Hub's per-file security status (only with {@code expand}), or null
 */
public record RepoFile(
    String path, long size, String blobId, String lfsSha256, SecurityFileStatus security) {

  /** True when the file is stored in LFS (verified by SHA-256). */
  public boolean isLfs() {
    return lfsSha256 != null;
  }

  /**
   * The id the content is verified against: the LFS SHA-256 for LFS files, else the git blob id.
   * This is also what the Hub puts in {@code X-Linked-Etag} / {@code ETag}.
   */
  public String contentId() {
    return lfsSha256 != null ? lfsSha256 : blobId;
  }

  /** The file name without its folder. */
  public String fileName() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** This file with {@code security} set (used when joining paths-info into a listing). */
  public RepoFile withSecurity(SecurityFileStatus security) {
    return new RepoFile(path, size, blobId, lfsSha256, security);
  }
}
