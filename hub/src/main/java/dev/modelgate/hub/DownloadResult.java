package dev.modelgate.hub;

import java.nio.file.Path;

/**
 * A finished, verified download.
 *
 * @param target the file written
 * @param size its size
 * @param contentId the verified LFS SHA-256 or git blob id
 * @param bytesTransferred bytes received over the network in this call (less than {@code size} when
 *     resumed; 0 when the file was already complete)
 * @param resumedFrom the partial length the download resumed from (0 for a fresh download)
 * @param attempts HTTP requests made for the content
 */
public record DownloadResult(
    Path target,
    long size,
    String contentId,
    long bytesTransferred,
    long resumedFrom,
    int attempts) {}
