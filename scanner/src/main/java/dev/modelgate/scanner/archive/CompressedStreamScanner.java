package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.ScanLimitException;
import dev.modelgate.scanner.Severity;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A single compressed stream (gzip, bzip2, xz, zlib, lzma, lz4) around one file — {@code .pkl.gz},
 * joblib's compressed dumps, {@code .tar.gz}: unpacked with a bomb check and its content scanned by
 * detection, as the member {@code <name without the compression suffix>}. A stream that breaks off
 * part-way still has its unpacked prefix scanned (loaders act on it before they notice), then is
 * reported as malformed.
 */
public final class CompressedStreamScanner implements FormatScanner {
  /** xz/LZMA dictionary memory allowed, in KiB; larger headers are refused, not allocated. */
  static final int XZ_MEMORY_KIB = 64 * 1024;

  /**
   * joblib writes each of these wrappers under the dump's own name ({@code model.joblib}, and
   * {@code model.pkl} as scikit-learn's docs suggest), not only under the compression suffixes.
   */
  private static final Set<String> JOBLIB_NAMES = Set.of("joblib", "jbl", "pkl");

  /** The supported wrappers. */
  public enum Kind {
    GZIP("gzip", Set.of("gz", "gzip", "tgz"), new byte[] {0x1f, (byte) 0x8b, 8}),
    BZIP2("bzip2", Set.of("bz2", "tbz2"), new byte[] {'B', 'Z', 'h'}),
    XZ("xz", Set.of("xz", "txz"), new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
    /** RFC 1950, bare or in joblib's old Z-file framing; magic checked by {@link ZlibFraming}. */
    ZLIB("zlib", Set.of("z", "zlib"), null),
    /** The legacy ".lzma" (LZMA-alone) container joblib writes for {@code compress='lzma'}. */
    LZMA("lzma", Set.of("lzma"), null),
    /** The LZ4 frame format ({@code lz4.frame}, joblib's {@code compress='lz4'}). */
    LZ4("lz4", Set.of("lz4"), new byte[] {0x04, 0x22, 0x4d, 0x18});

    final String format;
    final Set<String> suffixes;
    final byte[] magic;

    Kind(String format, Set<String> suffixes, byte[] magic) {
      this.format = format;
      this.suffixes = suffixes;
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
    Set<String> all = new java.util.HashSet<>(kind.suffixes);
    all.addAll(JOBLIB_NAMES);
    return Set.copyOf(all);
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    byte[] h = probe.head();
    switch (kind) {
      case ZLIB -> {
        int at = ZlibFraming.streamOffset(h);
        return at >= 0 && ZlibFraming.inflatesCleanly(h, at) ? Detection.CERTAIN : Detection.NO;
      }
      case LZMA -> {
        return LzmaAloneHeader.matches(h) ? Detection.LIKELY : Detection.NO;
      }
      default -> {
        // magic-only kinds below
      }
    }
    if (!probe.startsWith(kind.magic)) {
      return Detection.NO;
    }
    if (kind == Kind.BZIP2) {
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
    long size = source.size();
    byte[] head = source.readUpTo(0, ZlibFraming.ZFILE_HEADER + 3);
    long start = kind == Kind.ZLIB ? Math.max(0, ZlibFraming.streamOffset(head)) : 0;
    Inflater inflater = kind == Kind.ZLIB ? new Inflater() : null;
    ByteSource content;
    IOException brokeOff;
    long zlibConsumed = -1;
    try (InputStream raw =
            new BufferedInputStream(source.openStream(start, size - start), 64 * 1024);
        TruncationTolerantStream in = new TruncationTolerantStream(open(raw, inflater))) {
      content = MemberExtractor.extract(in, size, inner, ctx);
      brokeOff = in.failure();
      zlibConsumed = inflater != null ? inflater.getBytesRead() : -1;
    } catch (ScanLimitException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedFileException(
          kind.format + " stream could not be unpacked: " + e.getMessage(), -1);
    } finally {
      if (inflater != null) {
        inflater.end(); // ours, so InflaterInputStream.close() leaves it alone
      }
    }
    if (content == null) {
      return;
    }
    long unpacked;
    try (content) {
      unpacked = content.size();
      ctx.scanMember(inner, content);
    }
    if (brokeOff != null) {
      throw new MalformedFileException(
          kind.format
              + " stream breaks off after "
              + unpacked
              + " unpacked bytes ("
              + brokeOff.getMessage()
              + "); those bytes were scanned, nothing after them",
          -1);
    }
    if (zlibConsumed >= 0) {
      checkZlibEnd(head, start, zlibConsumed, size, unpacked, ctx);
    }
  }

  /** What joblib would notice or silently skip at the end of a zlib stream. */
  private static void checkZlibEnd(
      byte[] head, long start, long consumed, long size, long unpacked, ScanContext ctx) {
    long trailing = size - start - consumed;
    if (trailing > 0) {
      ctx.report(
          Severity.LOW,
          "compressed.trailing-data",
          trailing + " bytes follow the zlib stream; joblib never reads them; not scanned",
          start + consumed);
    }
    long declared = start > 0 ? ZlibFraming.zfileLength(head) : -1;
    if (declared >= 0 && declared != unpacked) {
      ctx.report(
          Severity.LOW,
          "joblib.zfile-length",
          "joblib Z-file header declares "
              + declared
              + " bytes but the stream unpacks to "
              + unpacked
              + "; joblib.load refuses it (unless Python runs with -O)",
          2);
    }
  }

  private InputStream open(InputStream raw, Inflater inflater) throws IOException {
    return switch (kind) {
      case GZIP ->
          GzipCompressorInputStream.builder()
              .setInputStream(raw)
              .setDecompressConcatenated(true)
              .get();
      case BZIP2 -> new BZip2CompressorInputStream(raw, true);
      case XZ -> new XZCompressorInputStream(raw, true, XZ_MEMORY_KIB);
      case ZLIB -> new InflaterInputStream(raw, inflater, 64 * 1024);
      case LZMA -> new LZMACompressorInputStream(raw, XZ_MEMORY_KIB);
      case LZ4 -> new FramedLZ4CompressorInputStream(raw, true);
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
    if (ext.startsWith("t") && ext.length() > 2 && kind.suffixes.contains(ext)) {
      return base.substring(0, dot) + ".tar";
    }
    return kind.suffixes.contains(ext) ? base.substring(0, dot) : base + ".unpacked";
  }
}
