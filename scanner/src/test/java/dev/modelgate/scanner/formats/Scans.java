package dev.modelgate.scanner.formats;

import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.ScanLimits;
import java.util.List;

/** Test helpers: scan bytes with every registered format. */
public final class Scans {
  private Scans() {}

  public static FileReport scan(String name, byte[] bytes) {
    return scan(ScanLimits.DEFAULT, name, bytes);
  }

  public static FileReport scan(ScanLimits limits, String name, byte[] bytes) {
    return new ModelScanner(limits).scanSource(name, new ByteArraySource(name, bytes));
  }

  public static List<String> rules(FileReport r) {
    return r.findings().stream().map(Finding::rule).toList();
  }
}
