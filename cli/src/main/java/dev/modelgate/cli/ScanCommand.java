package dev.modelgate.cli;

import dev.modelgate.hub.HubClient;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.ReportJson;
import dev.modelgate.scanner.Rules;
import dev.modelgate.scanner.ScanReport;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.remote.HubRepoScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelgate scan [--format text|json|sarif] [--fail-on SEVERITY] PATH...}: scans files,
 * directories (recursively) and {@code hf://org/name[@rev]} repos by content. Exit 0 when nothing
 * is at or above --fail-on, 1 when something is, 2 on usage or I/O errors.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan model files for code that runs when they are loaded.",
      "PATH is a file, a directory (recursive) or hf://org/name[@revision] (read remotely with"
          + " HTTP Range; HF_ENDPOINT and HF_TOKEN are honoured).",
      "Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage or I/O error."
    })
public final class ScanCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    sarif
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fail-on",
      defaultValue = "HIGH",
      paramLabel = "SEVERITY",
      description =
          "Exit 1 when a finding is at least this severe: INFO, LOW, MEDIUM, HIGH,"
              + " CRITICAL (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = "--no-progress",
      description = "Never draw the progress bar (it is drawn on stderr only for a terminal).")
  boolean noProgress;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories, hf:// repos.")
  List<String> paths;

  @Override
  public Integer call() {
    Severity threshold;
    try {
      threshold = Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    for (String p : paths) {
      if (HubRepoScanner.isHubRef(p)) {
        try {
          HubRepoScanner.parse(p);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar progress = ProgressBar.forTerminal(err, !noProgress);
    ScanReport report = scanAll(progress, err);
    progress.finish();
    switch (format) {
      case json -> out.println(ReportJson.toJson(report));
      case sarif -> out.println(SarifReport.toJson(report));
      default -> TextReport.print(report, out);
    }
    out.flush();
    return exitCode(report, threshold);
  }

  private ScanReport scanAll(ProgressBar progress, PrintWriter err) {
    ModelScanner scanner = new ModelScanner();
    List<FileReport> files = new ArrayList<>();
    List<Path> local = new ArrayList<>();
    List<Path> listed = new ArrayList<>();
    for (String p : paths) {
      if (!HubRepoScanner.isHubRef(p)) {
        Path path = Path.of(p);
        local.add(path);
        try {
          listed.addAll(ModelScanner.listFiles(path));
        } catch (IOException e) {
          listed.add(path);
        }
      }
    }
    progress.expect(listed.size());
    Consumer<FileReport> onFile =
        r -> {
          files.add(r);
          progress.fileDone(r.path(), r.size());
        };
    for (String p : paths) {
      if (HubRepoScanner.isHubRef(p)) {
        HubRepoScanner.HubRef ref = HubRepoScanner.parse(p);
        try (HubClient hub = hubClient()) {
          HubRepoScanner.scan(scanner, hub, ref, onFile);
        } catch (IOException | RuntimeException e) {
          String error = "cannot scan " + p + ": " + e.getMessage();
          onFile.accept(
              new FileReport(
                  p,
                  "unknown",
                  Severity.HIGH,
                  List.of(Finding.of(Severity.HIGH, Rules.IO_ERROR, error)),
                  error,
                  -1,
                  0));
        }
      } else {
        scanner.scan(List.of(Path.of(p)), onFile);
      }
    }
    return ScanReport.of(files);
  }

  /**
   * The Hub client from HF_ENDPOINT / HF_TOKEN; the system property {@code modelgate.hf.endpoint}
   * overrides the endpoint (tests cannot set environment variables in-process).
   */
  private static HubClient hubClient() {
    HubClient.Builder b = HubClient.fromEnvironment();
    String override = System.getProperty("modelgate.hf.endpoint");
    if (override != null && !override.isBlank()) {
      b.endpoint(override);
    }
    return b.build();
  }

  /**
   * 1 when a finding that is not an I/O error reaches the threshold (a malicious file outranks a
   * read error), else 2 when a file could not be read, else 0.
   */
  static int exitCode(ScanReport report, Severity threshold) {
    boolean ioError = false;
    for (FileReport f : report.files()) {
      for (Finding x : f.findings()) {
        if (x.rule().equals(Rules.IO_ERROR)) {
          ioError = true;
        } else if (x.severity().atLeast(threshold)) {
          return 1;
        }
      }
      if (f.error() != null) {
        ioError = true;
      }
    }
    return ioError ? 2 : 0;
  }
}
