package dev.modelgate.scanner.numpy;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.zip.ZipChecks;
import dev.modelgate.scanner.zip.ZipDirectory;
import dev.modelgate.scanner.zip.ZipEntryInfo;
import dev.modelgate.scanner.zip.ZipMember;
import java.io.IOException;
import java.util.Set;

/** NumPy {@code .npz}: a zip of {@code .npy} members, each scanned by content. */
public final class NpzScanner implements FormatScanner {

  @Override
  public String format() {
    return "numpy-npz";
  }

  @Override
  public String family() {
    return "zip";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("npz");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    ZipDirectory dir = ZipDirectory.ofZipAtStart(probe);
    if (dir == null || dir.entries().isEmpty()) {
      return Detection.NO;
    }
    for (ZipEntryInfo e : dir.entries()) {
      if (!e.name().endsWith(".npy")) {
        return Detection.NO;
      }
    }
    return Detection.SPECIFIC;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    ZipDirectory dir = ZipDirectory.required(ctx.probe());
    ZipChecks.directory(dir, ctx);
    for (ZipEntryInfo e : dir.entries()) {
      ZipMember m = ZipChecks.openOrReport(source, e, ctx);
      if (m == null) {
        continue;
      }
      ZipChecks.member(m, ctx);
      try (ByteSource content = m.content()) {
        ctx.scanMember(e.name(), content);
      }
    }
  }
}
