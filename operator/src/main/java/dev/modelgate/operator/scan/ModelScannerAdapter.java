package dev.modelgate.operator.scan;

import dev.modelgate.crds.Severity;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.ModelScanner;
import java.nio.file.Path;
import java.util.List;

/** The scanner module behind the operator's {@link FileScanner} seam. */
public final class ModelScannerAdapter implements FileScanner {
  private final ModelScanner scanner;

  public ModelScannerAdapter() {
    this(new ModelScanner());
  }

  public ModelScannerAdapter(ModelScanner scanner) {
    this.scanner = scanner;
  }

  @Override
  public String version() {
    return ModelScanner.VERSION;
  }

  @Override
  public FileScanResult scan(Path file, String repoPath) {
    // The object is named by its hash; the repo path carries the extension the scanner checks.
    FileReport r = scanner.scanFile(file, repoPath);
    List<ScanFinding> findings = r.findings().stream().map(ModelScannerAdapter::finding).toList();
    return new FileScanResult(r.format(), severity(r.severity()), findings, r.error());
  }

  private static ScanFinding finding(Finding f) {
    String where = f.location().toString();
    return new ScanFinding(
        severity(f.severity()), f.rule(), f.message(), where.isEmpty() ? null : where);
  }

  static Severity severity(dev.modelgate.scanner.Severity s) {
    return Severity.valueOf(s.name());
  }
}
