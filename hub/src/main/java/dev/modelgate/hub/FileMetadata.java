package dev.modelgate.hub;

/**
 * What a {@code HEAD} on {@code resolve} tells about one file.
 *
 * @param commit {@code X-Repo-Commit}: the commit the revision resolved to
 * @param etag the normalised {@code X-Linked-Etag}, else {@code ETag} (LFS SHA-256 or git blob id)
 * @param size {@code X-Linked-Size}, else {@code Content-Length} of a non-redirect answer; -1 if
 *     unknown
 * @param lfs true when the etag is a SHA-256 (an LFS file)
 * @param location the absolute URL the content is served from (after redirects)
 */
public record FileMetadata(
    String commit, String etag, long size, boolean lfs, java.net.URI location) {}
