package dev.modelgate.scanner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the scanner for some bytes by content, checks the extension against it, runs it, and turns
 * every failure into a finding so one bad member never loses the others' findings.
 */
final class FormatDispatcher {
  private final List<FormatScanner> scanners;
  private final Map<String, Set<FormatScanner>> byExtension = new HashMap<>();

  FormatDispatcher(List<FormatScanner> scanners) {
    this.scanners = List.copyOf(scanners);
    for (FormatScanner s : this.scanners) {
      for (String ext : s.extensions()) {
        byExtension.computeIfAbsent(ext, k -> new HashSet<>()).add(s);
      }
    }
  }

  DetectionResult detect(Probe probe) {
    FormatScanner best = null;
    int bestScore = Detection.NO;
    int[] scores = new int[scanners.size()];
    for (int i = 0; i < scanners.size(); i++) {
      FormatScanner s = scanners.get(i);
      int score;
      try {
        score = s.detect(probe);
      } catch (IOException | RuntimeException e) {
        score = Detection.NO; // a detector that cannot read the bytes simply does not match
      }
      scores[i] = score;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    List<FormatScanner> also = new ArrayList<>();
    if (best != null) {
      for (int i = 0; i < scanners.size(); i++) {
        FormatScanner s = scanners.get(i);
        if (s != best
            && scores[i] >= Detection.STRUCTURAL
            && !s.family().equals(best.family())
            && also.stream().noneMatch(o -> o.family().equals(s.family()))) {
          also.add(s);
        }
      }
    }
    return new DetectionResult(best, bestScore, also);
  }

  /** Scans a top-level file or a nested member; returns the detected format id. */
  String scanNested(
      ByteSource source,
      String name,
      String memberPath,
      int depth,
      FileScanState state,
      FormatScanner forced) {
    Probe probe;
    try {
      probe = new Probe(source, name);
    } catch (IOException e) {
      if (depth == 0) {
        throw new UncheckedIOException(e);
      }
      state.add(
          new Finding(
              Severity.HIGH,
              Rules.IO_ERROR,
              "could not read: " + e.getMessage(),
              new Location(memberPath, -1)));
      return "unknown";
    }
    source = new HeadCachedSource(source, probe);
    ScanContext ctx = new ScanContext(state, this, memberPath, depth, probe);
    if (forced != null) {
      run(forced, source, ctx);
      return forced.format();
    }
    DetectionResult d = detect(probe);
    if (d.scanner() == null) {
      reportUnknown(probe, ctx);
      return "unknown";
    }
    checkExtension(probe, d.scanner(), ctx);
    if (!d.alsoMatching().isEmpty()) {
      List<String> names = new ArrayList<>();
      d.alsoMatching().forEach(s -> names.add(s.format()));
      ctx.report(
          Severity.MEDIUM,
          Rules.POLYGLOT,
          "content is valid "
              + d.scanner().format()
              + " and also "
              + String.join(", ", names)
              + "; different loaders would read different things, all were scanned",
          -1);
    }
    run(d.scanner(), source, ctx);
    for (FormatScanner other : d.alsoMatching()) {
      run(other, source, ctx);
    }
    return d.scanner().format();
  }

  private static void run(FormatScanner scanner, ByteSource source, ScanContext ctx) {
    try {
      scanner.scan(source, ctx);
    } catch (ScanLimitException e) {
      if (ctx.depth() == 0) {
        return; // finding already recorded; the top level stops here
      }
      throw e; // the budget is per file: unwind to the top
    } catch (MalformedFileException e) {
      ctx.report(
          Severity.HIGH,
          Rules.MALFORMED,
          "not valid " + scanner.format() + ": " + e.getMessage() + "; the rest was not examined",
          e.offset());
    } catch (IOException e) {
      if (ctx.depth() == 0) {
        throw new UncheckedIOException(e);
      }
      ctx.report(Severity.HIGH, Rules.IO_ERROR, "could not read: " + e.getMessage(), -1);
    } catch (StackOverflowError | RuntimeException e) {
      if (ctx.depth() == 0) {
        throw new ScannerFailure(e);
      }
      ctx.report(
          Severity.HIGH,
          Rules.INTERNAL_ERROR,
          scanner.format() + " scanner failed (" + e + "); not fully examined",
          -1);
    }
  }

  private void checkExtension(Probe probe, FormatScanner chosen, ScanContext ctx) {
    String ext = probe.extension();
    Set<FormatScanner> owners = byExtension.get(ext);
    if (ext.isEmpty() || owners == null || owners.contains(chosen)) {
      return;
    }
    boolean hidesCode = chosen.mayRunCode() && owners.stream().noneMatch(FormatScanner::mayRunCode);
    List<String> names = new ArrayList<>();
    owners.forEach(s -> names.add(s.format()));
    names.sort(null);
    ctx.report(
        hidesCode ? Severity.HIGH : Severity.LOW,
        Rules.EXTENSION_MISMATCH,
        "named ."
            + ext
            + " (normally "
            + String.join("/", names)
            + ") but the content is "
            + chosen.format()
            + (hidesCode ? ", a format that can run code when loaded" : ""),
        -1);
  }

  private static void reportUnknown(Probe probe, ScanContext ctx) {
    byte[] head = probe.head();
    if (probe.size() == 0) {
      ctx.report(Severity.INFO, Rules.FORMAT_UNKNOWN, "empty file", -1);
    } else if (looksLikeText(head)) {
      ctx.report(
          Severity.INFO,
          Rules.FORMAT_UNKNOWN,
          "text file of no model format ModelGate knows; not a loadable model",
          -1);
    } else {
      ctx.report(
          Severity.LOW,
          Rules.FORMAT_UNKNOWN,
          "binary content of no format ModelGate knows; it was not examined further",
          -1);
    }
  }

  /** UTF-8 text without control characters other than tab, CR, LF, FF. */
  static boolean looksLikeText(byte[] head) {
    int i = 0;
    int n = head.length;
    while (i < n) {
      int b = head[i] & 0xff;
      if (b < 0x80) {
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
          return false;
        }
        if (b == 0x7f) {
          return false;
        }
        i++;
        continue;
      }
      int extra = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
      if (extra < 0 || b >= 0xf5) {
        return false;
      }
      if (i + extra >= n) {
        return true; // a character cut by the end of the head
      }
      for (int k = 1; k <= extra; k++) {
        if ((head[i + k] & 0xc0) != 0x80) {
          return false;
        }
      }
      i += extra + 1;
    }
    return true;
  }

  /** Carries an I/O error of the top-level file out of the dispatcher. */
  static final class UncheckedIOException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedIOException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Carries an unexpected scanner failure of the top-level file out of the dispatcher. */
  static final class ScannerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScannerFailure(Throwable cause) {
      super(cause.toString(), cause);
    }
  }
}
