package dev.modelgate.policies.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Hub's own security scans for one commit: the per-file {@code securityFileStatus} (from the
 * tree or paths-info with {@code expand=true}) and the repo-level {@code filesWithIssues}.
 *
 * @param files per-file verdicts; empty when the Hub gave none
 * @param filesWithIssues paths the repo-level status lists as having issues (any level counts)
 * @param scansDone the repo-level {@code scansDone}, or null when unknown
 */
public record HubSecurityData(
    List<FileStatus> files, List<String> filesWithIssues, Boolean scansDone) {

  /** No data from the Hub at all. */
  public static final HubSecurityData NONE = new HubSecurityData(List.of(), List.of(), null);

  public HubSecurityData {
    files = files == null ? List.of() : List.copyOf(files);
    filesWithIssues = filesWithIssues == null ? List.of() : List.copyOf(filesWithIssues);
  }

  /**
   * One file's verdict.
   *
   * @param path the file path
   * @param status the overall status as the Hub wrote it ({@code safe}, {@code unsafe}, ...)
   * @param scanners each scanner's raw object ({@code avScan}, {@code pickleImportScan}, ...), kept
   *     as-is for the decision log
   */
  public record FileStatus(String path, String status, Map<String, Object> scanners) {
    public FileStatus {
      Objects.requireNonNull(path, "path");
      scanners = scanners == null ? Map.of() : Map.copyOf(scanners);
    }
  }
}
