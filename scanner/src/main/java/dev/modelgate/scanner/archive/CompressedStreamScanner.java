package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.ScanLimitException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A single compressed stream (gzip, bzip2, xz) around one file — {@code .pkl.gz}, joblib's
 * compressed dumps, {@code .tar.gz}: unpacked with a bomb check and its content scanned by
 * detection, as the member {@code <name without the compression suffix>}.
 */
public final class CompressedStreamScanner implements FormatScanner {
  /** xz/LZMA dictionary memory allowed, in KiB; larger headers are refused, not allocated. */
  static final int XZ_MEMORY_KIB = 64 * 1024;

  /** The supported wrappers. */
  public enum Kind {
    GZIP("gzip", Set.of("gz", "gzip", "tgz"), new byte[] {0x1f, (byte) 0x8b, 8}),
    BZIP2("bzip2", Set.of("bz2", "tbz2"), new byte[] {'B', 'Z', 'h'}),
    XZ("xz", Set.of("xz", "txz"), new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0});

    final String format;
    final Set<String> extensions;
    final byte[] magic;

    Kind(String format, Set<String> extensions, byte[] magic) {
      this.format = format;
      this.extensions = extensions;
      this.magic = magic;
    }
  }

  private final Kind kind;

  public CompressedStreamScanner(Kind kind) {
    this.kind = kind;
  }

  @Override
  public String format() {
    return kind.format;
  }

  @Override
  public Set<String> extensions() {
    return kind.extensions;
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    if (!probe.startsWith(kind.magic)) {
      return Detection.NO;
    }
    if (kind == Kind.BZIP2) {
      byte[] h = probe.head();
      return h.length >= 10
              && h[3] >= '1'
              && h[3] <= '9'
              && (h[4] & 0xff) == 0x31
              && (h[5] & 0xff) == 0x41
          ? Detection.CERTAIN
          : Detection.NO;
    }
    return Detection.CERTAIN;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    String inner = innerName(source.name());
    ByteSource content;
    try (InputStream raw = new BufferedInputStream(source.openStream(0, source.size()), 64 * 1024);
        InputStream in = open(raw)) {
      content = MemberExtractor.extract(in, source.size(), inner, ctx);
    } catch (ScanLimitException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(
          kind.format + " stream could not be unpacked: " + e.getMessage(), -1);
    }
    if (content == null) {
      return;
    }
    try (content) {
      ctx.scanMember(inner, content);
    }
  }

  private InputStream open(InputStream raw) throws IOException {
    return switch (kind) {
      case GZIP ->
          GzipCompressorInputStream.builder()
              .setInputStream(raw)
              .setDecompressConcatenated(true)
              .get();
      case BZIP2 -> new BZip2CompressorInputStream(raw, true);
      case XZ -> new XZCompressorInputStream(raw, true, XZ_MEMORY_KIB);
    };
  }

  /** {@code model.pkl.gz} → {@code model.pkl}; {@code x.tgz} → {@code x.tar}; else "content". */
  String innerName(String name) {
    if (name == null) {
      return "content";
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String base = name.substring(slash + 1);
    int dot = base.lastIndexOf('.');
    if (dot <= 0) {
      return base.isEmpty() ? "content" : base + ".unpacked";
    }
    String ext = base.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    if (ext.startsWith("t") && ext.length() > 2 && kind.extensions.contains(ext)) {
      return base.substring(0, dot) + ".tar";
    }
    return kind.extensions.contains(ext) ? base.substring(0, dot) : base + ".unpacked";
  }
}
