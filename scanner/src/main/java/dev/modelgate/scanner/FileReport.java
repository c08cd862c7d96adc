package dev.modelgate.scanner;

import java.util.List;

/**
 * The verdict on one file.
 *
 * @param path the path as given (joined with the relative path inside a given directory), or the
 *     repo path for remote files
 * @param format detected format id, or {@code "unknown"}
 * @param severity the highest finding severity (never NONE when the file was not fully parsed)
 * @param findings what was found, members' findings included (location.member names them)
 * @param error why the file could not be read or scanned, or null
 * @param size file size in bytes (-1 if unknown)
 * @param bytesRead bytes actually read from the file
 */
public record FileReport(
    String path,
    String format,
    Severity severity,
    List<Finding> findings,
    String error,
    long size,
    long bytesRead) {

  public FileReport {
    findings = List.copyOf(findings);
  }

  /** Findings at or above {@code min}. */
  public List<Finding> findingsAtLeast(Severity min) {
    return findings.stream().filter(f -> f.severity().atLeast(min)).toList();
  }

  /** True when some finding has this rule id. */
  public boolean hasRule(String rule) {
    return findings.stream().anyMatch(f -> f.rule().equals(rule));
  }
}
