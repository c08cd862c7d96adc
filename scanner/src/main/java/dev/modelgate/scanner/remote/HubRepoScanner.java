package dev.modelgate.scanner.remote;

import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.RepoFile;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.Rules;
import dev.modelgate.scanner.ScanReport;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans every file of a Hub repo at a revision without downloading it: each file is opened for
 * Range reads, so only the bytes the format scanners ask for cross the network. Reports name files
 * {@code hf://org/name@rev/path}, and their bytesRead is what was fetched.
 */
public final class HubRepoScanner {
  private static final Pattern REF = Pattern.compile("hf://([^/@\\s]+/[^/@\\s]+)(?:@(\\S+))?/?");

  private HubRepoScanner() {}

  /** A parsed {@code hf://org/name[@rev]} reference. */
  public record HubRef(String repo, String revision, String given) {}

  /** True when {@code s} is an {@code hf://} reference. */
  public static boolean isHubRef(String s) {
    return s.startsWith("hf://");
  }

  /** Parses {@code hf://org/name[@rev]}; throws IllegalArgumentException on anything else. */
  public static HubRef parse(String s) {
    Matcher m = REF.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected hf://org/name[@revision], got " + s);
    }
    String given = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    return new HubRef(m.group(1), m.group(2) == null ? "main" : m.group(2), given);
  }

  /** Scans every file of the repo; one report per file, in the Hub's listing order. */
  public static ScanReport scan(
      ModelScanner scanner, HubClient hub, HubRef ref, Consumer<FileReport> onFile)
      throws IOException {
    String commit = hub.resolveCommit(ref.repo(), ref.revision());
    List<FileReport> out = new ArrayList<>();
    for (RepoFile f : hub.listFiles(ref.repo(), commit)) {
      String shown = ref.given() + "/" + f.path();
      FileReport r;
      try (RemoteByteSource src =
          new RemoteByteSource(hub.openRemote(ref.repo(), commit, f.path()))) {
        FileReport scanned = scanner.scanSource(shown, src);
        r =
            new FileReport(
                scanned.path(),
                scanned.format(),
                scanned.severity(),
                scanned.findings(),
                scanned.error(),
                scanned.size(),
                src.bytesFetched());
      } catch (IOException e) {
        String error = "cannot open on the Hub: " + e.getMessage();
        r =
            new FileReport(
                shown,
                "unknown",
                Severity.HIGH,
                List.of(Finding.of(Severity.HIGH, Rules.IO_ERROR, error)),
                error,
                f.size(),
                0);
      }
      out.add(r);
      onFile.accept(r);
    }
    return ScanReport.of(out);
  }
}
