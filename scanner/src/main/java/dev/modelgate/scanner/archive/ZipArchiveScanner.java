package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import java.io.IOException;
import java.util.Set;

/**
 * A plain zip: every member checked and scanned by content. Zips with a known layout (PyTorch
 * checkpoints, Keras, npz) score higher in their own scanners and win detection.
 */
public final class ZipArchiveScanner implements FormatScanner {
  private static final byte[] LOCAL = {'P', 'K', 3, 4};
  private static final byte[] EMPTY = {'P', 'K', 5, 6};

  @Override
  public String format() {
    return "zip";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("zip");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    return probe.startsWith(LOCAL) || probe.startsWith(EMPTY) ? Detection.LIKELY : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    ZipWalker.walk(source, ctx, null);
  }
}
