package dev.modelgate.scanner;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reports on every file given or found, plus a summary. */
public record ScanReport(List<FileReport> files, Summary summary) {

  public ScanReport {
    files = List.copyOf(files);
  }

  /** Builds the report and its summary from file reports. */
  public static ScanReport of(List<FileReport> files) {
    return new ScanReport(files, Summary.of(files));
  }

  /**
   * Totals over all files.
   *
   * @param files number of files
   * @param bytes their total size
   * @param bytesRead bytes actually read
   * @param maxSeverity highest severity of any file
   * @param findings number of findings per severity (INFO..CRITICAL)
   * @param errors files that could not be read or scanned
   * @param scannerVersion {@link ModelScanner#VERSION}
   */
  public record Summary(
      int files,
      long bytes,
      long bytesRead,
      Severity maxSeverity,
      Map<Severity, Integer> findings,
      int errors,
      String scannerVersion) {

    public static Summary of(List<FileReport> files) {
      Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        if (s != Severity.NONE) {
          counts.put(s, 0);
        }
      }
      Severity max = Severity.NONE;
      long bytes = 0;
      long read = 0;
      int errors = 0;
      for (FileReport f : files) {
        max = Severity.max(max, f.severity());
        bytes += Math.max(0, f.size());
        read += f.bytesRead();
        if (f.error() != null) {
          errors++;
        }
        for (Finding x : f.findings()) {
          if (x.severity() != Severity.NONE) {
            counts.merge(x.severity(), 1, Integer::sum);
          }
        }
      }
      return new Summary(
          files.size(), bytes, read, max, Map.copyOf(counts), errors, ModelScanner.VERSION);
    }
  }
}
