package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * joblib dumps: pickles whose numpy arrays are written as raw bytes right after a {@code
 * NumpyArrayWrapper}. Scanned with joblib's array skipping (see {@link JoblibArrays}).
 */
public final class JoblibScanner implements FormatScanner {
  private static final byte[] MARKER = "joblib.numpy_pickle".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String format() {
    return "joblib";
  }

  @Override
  public String family() {
    return "pickle";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("joblib", "jbl", "pkl");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    byte[] h = probe.head();
    boolean proto = h.length > 2 && (h[0] & 0xff) == 0x80 && h[1] >= 2 && h[1] <= 5;
    if (!proto || !contains(h, MARKER)) {
      return Detection.NO;
    }
    return Detection.SPECIFIC;
  }

  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    try (InputStream in = source.openStream(0, source.size())) {
      new PickleStreams(ctx, in, 0, source.size(), true).all();
    }
  }
}
