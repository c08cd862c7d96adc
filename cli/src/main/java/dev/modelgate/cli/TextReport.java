package dev.modelgate.cli;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.ScanReport;
import dev.modelgate.scanner.Severity;
import java.io.PrintWriter;
import java.util.List;

/** The human-readable form of a scan report: one block per file, then a summary line. */
final class TextReport {
  private TextReport() {}

  static void print(ScanReport report, PrintWriter out) {
    for (FileReport f : report.files()) {
      out.printf("%-8s %s (%s)%n", f.severity(), f.path(), f.format());
      if (f.error() != null) {
        out.printf("         error: %s%n", f.error());
      }
      for (Finding x : f.findings()) {
        String where = x.location().toString();
        out.printf(
            "         %-8s %s%s: %s%n",
            x.severity(), x.rule(), where.isEmpty() ? "" : " [" + where + "]", x.message());
      }
    }
    ScanReport.Summary s = report.summary();
    StringBuilder counts = new StringBuilder();
    for (Severity sev :
        List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
      if (!counts.isEmpty()) {
        counts.append(", ");
      }
      counts.append(sev).append(' ').append(s.findings().getOrDefault(sev, 0));
    }
    out.printf(
        "%d files, %d bytes (%d read), max severity %s; findings: %s; %d errors; scanner %s%n",
        s.files(),
        s.bytes(),
        s.bytesRead(),
        s.maxSeverity(),
        counts,
        s.errors(),
        s.scannerVersion());
  }
}
