package dev.modelgate.scanner.numpy;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.pickle.PickleStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy}: the header is parsed; an object dtype means the data is a pickle that {@code
 * numpy.load(allow_pickle=True)} unpickles, so it is scanned as one. Plain arrays are never read.
 */
public final class NpyScanner implements FormatScanner {
  public static final String RULE_OBJECT = "numpy.object-array";
  public static final String RULE_SIZE = "numpy.size-mismatch";
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*(.*?)\\s*,\\s*'");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  @Override
  public String format() {
    return "numpy";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("npy");
  }

  @Override
  public boolean mayRunCode() {
    return true; // object arrays are pickles
  }

  @Override
  public int detect(Probe probe) {
    return probe.startsWith(MAGIC) ? Detection.CERTAIN : Detection.NO;
  }

  /** The parsed header: where data starts, whether it holds objects, its expected byte size. */
  record Header(long dataStart, boolean hasObject, long expectedBytes, String descr) {}

  static Header header(ByteSource src) throws IOException {
    byte[] pre = src.readUpTo(0, 12);
    if (pre.length < 10) {
      throw new MalformedFileException("npy header truncated", 0);
    }
    int major = pre[6] & 0xff;
    long len;
    int at;
    if (major == 1) {
      len = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
      at = 10;
    } else if (major == 2 || major == 3) {
      if (pre.length < 12) {
        throw new MalformedFileException("npy header truncated", 0);
      }
      len =
          (pre[8] & 0xffL)
              | (pre[9] & 0xffL) << 8
              | (pre[10] & 0xffL) << 16
              | (pre[11] & 0xffL) << 24;
      at = 12;
    } else {
      throw new MalformedFileException("unknown npy format version " + major, 6);
    }
    if (len > 1 << 20) {
      throw new MalformedFileException("npy header of " + len + " bytes", at);
    }
    if (at + len > src.size()) {
      throw new MalformedFileException(
          "npy header of " + len + " bytes runs past the end of the file", at);
    }
    String h = new String(src.readFully(at, (int) len), StandardCharsets.UTF_8);
    Matcher d = DESCR.matcher(h + ", '");
    if (!h.strip().startsWith("{") || !d.find()) {
      throw new MalformedFileException("npy header has no 'descr'", at);
    }
    String descr = d.group(1);
    List<String> codes = new ArrayList<>();
    Matcher q = QUOTED.matcher(descr);
    while (q.find()) {
      codes.add(q.group(1));
    }
    boolean hasObject = false;
    long item = 0;
    for (String c : codes) {
      String t = c.replaceFirst("^[<>|=]", "");
      if (t.startsWith("O")) {
        hasObject = true;
      }
      if (codes.size() == 1) {
        item = itemSize(t);
      }
    }
    long expected = -1;
    Matcher s = SHAPE.matcher(h);
    if (s.find() && item > 0) {
      expected = item;
      for (String dim : s.group(1).split(",")) {
        if (!dim.isBlank()) {
          try {
            expected = Math.multiplyExact(expected, Long.parseLong(dim.strip().replace("L", "")));
          } catch (NumberFormatException | ArithmeticException e) {
            expected = -1;
            break;
          }
        }
      }
    }
    return new Header(at + len, hasObject, expected, descr);
  }

  private static long itemSize(String t) {
    if (t.isEmpty()) {
      return 0;
    }
    char kind = t.charAt(0);
    String digits = t.substring(1).replaceAll("\\[.*$", "");
    long n;
    try {
      n = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return kind == '?' ? 1 : 0;
    }
    return kind == 'U' ? 4 * n : n;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    Header h = header(source);
    long dataBytes = source.size() - h.dataStart();
    if (h.hasObject()) {
      ctx.report(
          Severity.LOW,
          RULE_OBJECT,
          "an object array: its data is a pickle, loaded only with allow_pickle=True (scanned)",
          h.dataStart());
      try (InputStream in = source.openStream(h.dataStart(), dataBytes)) {
        PickleStreams p = new PickleStreams(ctx, in, h.dataStart(), dataBytes, false);
        p.next(); // numpy.load calls pickle.load once
        if (!p.atEnd()) {
          p.all(); // anything after it is examined too
        }
      }
      return;
    }
    if (h.expectedBytes() >= 0 && h.expectedBytes() != dataBytes) {
      ctx.report(
          Severity.LOW,
          RULE_SIZE,
          "header promises "
              + h.expectedBytes()
              + " data bytes (dtype "
              + h.descr()
              + ") but the file holds "
              + dataBytes,
          h.dataStart());
    }
  }
}
