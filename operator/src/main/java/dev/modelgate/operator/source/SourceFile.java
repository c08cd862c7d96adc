package dev.modelgate.operator.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One file of the resolved commit.
 *
 * @param path the path in the repo ({@code /}-separated, checked safe by the store before use)
 * @param size the content size in bytes
 * @param sha256 the LFS SHA-256 for LFS files, else null
 * @param blobId the git blob id (of the pointer for LFS files), or null
 * @param hubSecurity the Hub's per-file security status as received, or null when the Hub sent none
 */
public record SourceFile(
    String path, long size, String sha256, String blobId, JsonNode hubSecurity) {
  /** The id the bytes are verified against and stored under: SHA-256 if known, else the blob id. */
  public String contentId() {
    return sha256 != null ? sha256 : blobId;
  }
}
