package dev.modelgate.operator.scan;

import java.nio.file.Path;

/**
 * Scans one verified file by content. Implementations must not throw for bad input: a file that
 * cannot be parsed is a result with an error (and never severity NONE), not an exception.
 */
public interface FileScanner {
  /**
   * The scanner's version. A cached scan report is reused only when it was made by this version; a
   * new version re-scans.
   */
  String version();

  /**
   * Scans {@code file}.
   *
   * @param repoPath the file's path in the repo, for format detection by name and for messages
   */
  FileScanResult scan(Path file, String repoPath);
}
