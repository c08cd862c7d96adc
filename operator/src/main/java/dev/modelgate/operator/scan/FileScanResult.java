package dev.modelgate.operator.scan;

import dev.modelgate.crds.Severity;
import java.util.List;

/**
 * What the scanner found in one file.
 *
 * @param format the detected format ({@code safetensors}, {@code pickle}, ...), or {@code unknown}
 * @param severity the highest finding's severity (NONE when clean)
 * @param findings every finding, worst first
 * @param error why the file could not be fully parsed, or null
 */
public record FileScanResult(
    String format, Severity severity, List<ScanFinding> findings, String error) {
  public FileScanResult {
    findings = List.copyOf(findings);
  }
}
