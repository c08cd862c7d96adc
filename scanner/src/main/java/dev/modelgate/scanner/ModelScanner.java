package dev.modelgate.scanner;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scanner facade: files, directories (recursive) or any {@link ByteSource}, detected by content
 * and scanned with every registered {@link FormatScanner}. Thread-safe; one instance can scan many
 * files concurrently.
 */
public final class ModelScanner {

  /**
   * Version of the scanning rules. Bump it whenever a rule, list or format changes what is found:
   * the operator re-scans every stored model when it changes.
   */
  public static final String VERSION = "1.5.0";

  private final ScanLimits limits;
  private final FormatDispatcher dispatcher;

  /** Default limits, every registered format. */
  public ModelScanner() {
    this(ScanLimits.DEFAULT);
  }

  public ModelScanner(ScanLimits limits) {
    this(limits, FormatScanners.all());
  }

  /** Custom limits and scanners (tests, embedding). */
  public ModelScanner(ScanLimits limits, List<FormatScanner> scanners) {
    this.limits = limits;
    this.dispatcher = new FormatDispatcher(scanners);
  }

  public ScanLimits limits() {
    return limits;
  }

  /** Scans files and directories (recursively, files in sorted order). */
  public ScanReport scan(Path... paths) {
    return scan(List.of(paths), r -> {});
  }

  /** Like {@link #scan(Path...)}, calling {@code onFile} after each file (progress). */
  public ScanReport scan(List<Path> paths, Consumer<FileReport> onFile) {
    List<FileReport> out = new ArrayList<>();
    for (Path p : paths) {
      for (Path f : expand(p, out, onFile)) {
        FileReport r = scanFile(f);
        out.add(r);
        onFile.accept(r);
      }
    }
    return ScanReport.of(out);
  }

  /**
   * The files under {@code p} (p itself if it is not a directory), as p joined with their relative
   * path. Unreadable directories become error reports.
   */
  public static List<Path> listFiles(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        p,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            files.add(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            files.add(file); // scanned on its own, it becomes an error report
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  private static List<Path> expand(Path p, List<FileReport> out, Consumer<FileReport> onFile) {
    try {
      return listFiles(p);
    } catch (IOException e) {
      FileReport r = errorReport(p.toString(), -1, 0, "cannot list directory: " + e);
      out.add(r);
      onFile.accept(r);
      return List.of();
    }
  }

  /** Scans one local file; the report's path is {@code file.toString()}. */
  public FileReport scanFile(Path file) {
    return scanFile(file, file.toString());
  }

  /** Scans one local file, reporting it under {@code displayPath}. */
  public FileReport scanFile(Path file, String displayPath) {
    if (Files.isDirectory(file)) {
      return errorReport(displayPath, -1, 0, "is a directory");
    }
    FileByteSource source;
    try {
      source = FileByteSource.open(file);
    } catch (NoSuchFileException e) {
      return errorReport(displayPath, -1, 0, "no such file");
    } catch (IOException e) {
      return errorReport(displayPath, -1, 0, "cannot open: " + e.getMessage());
    }
    try (source) {
      return scanSource(displayPath, source);
    } catch (IOException e) {
      return errorReport(displayPath, -1, 0, "cannot close: " + e.getMessage());
    }
  }

  /**
   * Scans any byte source (a remote Hub file, bytes in memory). The source's name is used for the
   * extension check; {@code displayPath} is what the report shows. The caller closes the source.
   */
  public FileReport scanSource(String displayPath, ByteSource source) {
    CountingByteSource counting = new CountingByteSource(source);
    FileScanState state = new FileScanState(limits);
    long size = -1;
    String format = "unknown";
    String error = null;
    try {
      size = counting.size();
      format = dispatcher.scanNested(counting, displayPath, null, 0, state, null);
    } catch (IOException | FormatDispatcher.UncheckedIOException e) {
      error = "I/O error: " + e.getMessage();
      state.add(
          Finding.of(
              Severity.HIGH, Rules.IO_ERROR, "could not be read to the end: " + e.getMessage()));
    } catch (ScanLimitException e) {
      // the finding is already recorded
    } catch (FormatDispatcher.ScannerFailure | StackOverflowError e) {
      error = "scanner failure: " + e.getMessage();
      state.add(
          Finding.of(
              Severity.HIGH,
              Rules.INTERNAL_ERROR,
              "the scanner failed (" + e.getMessage() + "); the file was not fully examined"));
    }
    if (state.droppedFindings > 0) {
      state.findings.add(
          Finding.of(
              Severity.INFO,
              "scan.findings-truncated",
              state.droppedFindings + " more findings not listed"));
    }
    return new FileReport(
        displayPath, format, state.maxSeverity, state.findings, error, size, counting.bytesRead());
  }

  private static FileReport errorReport(String path, long size, long read, String error) {
    return new FileReport(
        path,
        "unknown",
        Severity.HIGH,
        List.of(Finding.of(Severity.HIGH, Rules.IO_ERROR, error)),
        error,
        size,
        read);
  }
}
