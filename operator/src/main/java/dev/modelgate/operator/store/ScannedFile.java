package dev.modelgate.operator.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.crds.Severity;
import dev.modelgate.operator.scan.ScanFinding;
import java.util.List;

/**
 * One selected file of the commit: identity, verification hashes, scan result and the Hub's own
 * verdict.
 *
 * @param path the repo path
 * @param size bytes
 * @param contentId what the bytes were verified against and are stored under
 * @param sha256 the LFS SHA-256, or null for small (non-LFS) files
 * @param blobId the git blob id, or null
 * @param format the scanner's detected format
 * @param severity the highest finding
 * @param findings every finding
 * @param error why the scanner could not fully parse it, or null
 * @param hubSecurity the Hub's per-file security status as received, or null
 */
public record ScannedFile(
    String path,
    long size,
    String contentId,
    String sha256,
    String blobId,
    String format,
    Severity severity,
    List<ScanFinding> findings,
    String error,
    JsonNode hubSecurity) {
  public ScannedFile {
    findings = findings == null ? List.of() : List.copyOf(findings);
    // JSON null reads back as a NullNode; keep one spelling of "absent" so reports compare equal.
    hubSecurity = hubSecurity == null || hubSecurity.isNull() ? null : hubSecurity;
  }

  /** The extension as Cloudsmith reports it: the final {@code .suffix}, lower-cased, or empty. */
  public String extension() {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
  }
}
