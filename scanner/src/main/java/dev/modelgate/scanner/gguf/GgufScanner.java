package dev.modelgate.scanner.gguf;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.check.Issue;
import dev.modelgate.scanner.io.SequentialReader;
import dev.modelgate.scanner.template.ChatTemplateInspector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GGUF (llama.cpp): magic, version, tensor and key/value counts, typed key/values, tensor infos,
 * then aligned tensor data that is never read. Every count, length and nesting level is bounded
 * before anything is allocated; chat templates ({@code tokenizer.chat_template} and the named
 * {@code tokenizer.chat_template.<name>}) are checked for template injection; tensor infos are
 * checked against the file size and each other.
 */
public final class GgufScanner implements FormatScanner {
  static final int MAX_TENSORS = 1 << 20;
  static final int MAX_KVS = 1 << 20;
  static final int MAX_KEY_BYTES = 65_535;
  static final long MAX_STRING_BYTES = 1L << 30;
  static final long MAX_ARRAY_ITEMS = 1L << 28;
  static final int MAX_ARRAY_DEPTH = 4;
  static final int MAX_DIMS = 4;
  static final int MAX_TEMPLATE_BYTES = 4 * ChatTemplateInspector.MAX_TEMPLATE_CHARS;
  static final String TEMPLATE_KEY = "tokenizer.chat_template";

  private static final int T_U8 = 0;
  private static final int T_I8 = 1;
  private static final int T_U16 = 2;
  private static final int T_I16 = 3;
  private static final int T_U32 = 4;
  private static final int T_I32 = 5;
  private static final int T_F32 = 6;
  private static final int T_BOOL = 7;
  private static final int T_STRING = 8;
  private static final int T_ARRAY = 9;
  private static final int T_U64 = 10;
  private static final int T_I64 = 11;
  private static final int T_F64 = 12;

  @Override
  public String format() {
    return "gguf";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("gguf");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    if (!probe.startsWith(new byte[] {'G', 'G', 'U', 'F'})) {
      return Detection.NO;
    }
    byte[] h = probe.head();
    if (h.length >= 8) {
      int version = (h[4] & 0xff) | (h[5] & 0xff) << 8 | (h[6] & 0xff) << 16 | (h[7] & 0xff) << 24;
      if (version >= 1 && version <= 3) {
        return Detection.CERTAIN;
      }
    }
    return Detection.LIKELY;
  }

  /** Per-scan state. */
  private static final class Walk {
    final SequentialReader in;
    final ScanContext ctx;
    final int version;
    long alignment = 32;

    Walk(SequentialReader in, ScanContext ctx, int version) {
      this.in = in;
      this.ctx = ctx;
      this.version = version;
    }

    long count() throws IOException {
      return version == 1 ? in.u32() : in.u64();
    }
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    SequentialReader in = new SequentialReader(source, ctx, 4);
    int version = (int) in.u32();
    if (version < 1 || version > 3) {
      throw new MalformedFileException(
          "unknown GGUF version " + Integer.toUnsignedString(version), 4);
    }
    Walk w = new Walk(in, ctx, version);
    long tensors = w.count();
    long kvs = w.count();
    if (Long.compareUnsigned(tensors, MAX_TENSORS) > 0) {
      limit(ctx, "tensor count " + Long.toUnsignedString(tensors) + " is over " + MAX_TENSORS, 8);
      return;
    }
    if (Long.compareUnsigned(kvs, MAX_KVS) > 0) {
      limit(ctx, "key/value count " + Long.toUnsignedString(kvs) + " is over " + MAX_KVS, 8);
      return;
    }
    for (long i = 0; i < kvs; i++) {
      if (!keyValue(w)) {
        return;
      }
    }
    tensorInfos(w, (int) tensors);
  }

  private static void limit(ScanContext ctx, String message, long offset) {
    ctx.report(
        Severity.HIGH,
        "gguf.limit",
        message + "; the rest of the header was not examined, so the file cannot be called safe",
        offset);
  }

  /** Reads one key/value; false when a limit stopped the walk. */
  private boolean keyValue(Walk w) throws IOException {
    long at = w.in.position();
    String key = key(w, "key");
    if (key == null) {
      return false;
    }
    int type = (int) w.in.u32();
    if (type == T_STRING && isTemplateKey(key)) {
      return template(w, key, at);
    }
    if (key.equals("general.alignment") && type == T_U32) {
      long a = w.in.u32();
      if (a == 0 || (a & (a - 1)) != 0) {
        throw new MalformedFileException("general.alignment " + a + " is not a power of two", at);
      }
      w.alignment = a;
      return true;
    }
    return value(w, type, 0, key);
  }

  static boolean isTemplateKey(String key) {
    return key.equals(TEMPLATE_KEY) || key.startsWith(TEMPLATE_KEY + ".");
  }

  private String key(Walk w, String what) throws IOException {
    long at = w.in.position();
    long len = w.count();
    if (Long.compareUnsigned(len, MAX_KEY_BYTES) > 0) {
      limit(
          w.ctx, what + " length " + Long.toUnsignedString(len) + " is over " + MAX_KEY_BYTES, at);
      return null;
    }
    return w.in.utf8((int) len, what);
  }

  private boolean template(Walk w, String key, long at) throws IOException {
    long len = w.count();
    if (Long.compareUnsigned(len, MAX_TEMPLATE_BYTES) > 0) {
      w.ctx.report(
          Severity.HIGH,
          "chat-template.limit",
          key
              + ": chat template of "
              + Long.toUnsignedString(len)
              + " bytes is too long to examine",
          at);
      w.in.skip(len, "chat template");
      return true;
    }
    String text = new String(w.in.bytes((int) len, "chat template"), StandardCharsets.UTF_8);
    for (Issue issue : ChatTemplateInspector.inspect(text)) {
      w.ctx.report(issue.severity(), issue.rule(), key + ": " + issue.message(), at);
    }
    return true;
  }

  /** Skips one value of {@code type}, bounded; false when a limit stopped the walk. */
  private boolean value(Walk w, int type, int depth, String key) throws IOException {
    switch (type) {
      case T_U8, T_I8, T_BOOL -> w.in.skip(1, key);
      case T_U16, T_I16 -> w.in.skip(2, key);
      case T_U32, T_I32, T_F32 -> w.in.skip(4, key);
      case T_U64, T_I64, T_F64 -> w.in.skip(8, key);
      case T_STRING -> {
        long at = w.in.position();
        long len = w.count();
        if (Long.compareUnsigned(len, MAX_STRING_BYTES) > 0) {
          limit(
              w.ctx,
              key
                  + ": string length "
                  + Long.toUnsignedString(len)
                  + " is over "
                  + MAX_STRING_BYTES,
              at);
          return false;
        }
        w.in.skip(len, key + " string");
      }
      case T_ARRAY -> {
        return array(w, depth, key);
      }
      default ->
          throw new MalformedFileException(
              key + ": unknown value type " + Integer.toUnsignedString(type), w.in.position() - 4);
    }
    return true;
  }

  private boolean array(Walk w, int depth, String key) throws IOException {
    long at = w.in.position();
    if (depth >= MAX_ARRAY_DEPTH) {
      limit(w.ctx, key + ": arrays nested deeper than " + MAX_ARRAY_DEPTH, at);
      return false;
    }
    int type = (int) w.in.u32();
    long n = w.count();
    if (Long.compareUnsigned(n, MAX_ARRAY_ITEMS) > 0) {
      limit(
          w.ctx,
          key + ": array of " + Long.toUnsignedString(n) + " items is over " + MAX_ARRAY_ITEMS,
          at);
      return false;
    }
    int fixed =
        switch (type) {
          case T_U8, T_I8, T_BOOL -> 1;
          case T_U16, T_I16 -> 2;
          case T_U32, T_I32, T_F32 -> 4;
          case T_U64, T_I64, T_F64 -> 8;
          default -> 0;
        };
    if (fixed > 0) {
      w.in.skip(n * fixed, key + " array");
      return true;
    }
    for (long i = 0; i < n; i++) {
      if (!value(w, type, depth + 1, key)) {
        return false;
      }
      if ((i & 0xffff) == 0) {
        w.ctx.checkTime();
      }
    }
    return true;
  }

  private record TensorInfo(String name, long[] dims, int type, long offset) {}

  private void tensorInfos(Walk w, int count) throws IOException {
    List<TensorInfo> infos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long at = w.in.position();
      String name = key(w, "tensor name");
      if (name == null) {
        return;
      }
      long nd = w.in.u32();
      if (nd > MAX_DIMS) {
        w.ctx.report(
            Severity.HIGH,
            "gguf.tensor-dims",
            "tensor '" + name + "' has " + nd + " dimensions; GGML allows at most " + MAX_DIMS,
            at);
        if (nd > 64) {
          return;
        }
      }
      long[] dims = new long[(int) nd];
      for (int d = 0; d < nd; d++) {
        dims[d] = w.in.u64();
      }
      int type = (int) w.in.u32();
      long offset = w.in.u64();
      infos.add(new TensorInfo(name, dims, type, offset));
    }
    long dataStart = alignUp(w.in.position(), w.alignment);
    long dataLen = w.in.size() - dataStart;
    checkTensorData(w, infos, dataStart, dataLen);
  }

  private void checkTensorData(Walk w, List<TensorInfo> infos, long dataStart, long dataLen) {
    List<long[]> spans = new ArrayList<>();
    for (int i = 0; i < infos.size(); i++) {
      TensorInfo t = infos.get(i);
      if (Long.remainderUnsigned(t.offset(), w.alignment) != 0) {
        w.ctx.report(
            Severity.HIGH,
            "gguf.tensor-misaligned",
            "tensor '"
                + t.name()
                + "' data offset "
                + Long.toUnsignedString(t.offset())
                + " is not a multiple of the alignment "
                + w.alignment
                + "; llama.cpp refuses it",
            -1);
      }
      long bytes = GgmlTypes.byteSize(t.type(), t.dims());
      if (bytes == GgmlTypes.UNKNOWN_TYPE) {
        w.ctx.report(
            Severity.MEDIUM,
            "gguf.tensor-type",
            "tensor '" + t.name() + "' has unknown GGML type " + Integer.toUnsignedString(t.type()),
            -1);
        continue;
      }
      if (bytes < 0 || t.offset() < 0 || t.offset() > dataLen || bytes > dataLen - t.offset()) {
        w.ctx.report(
            Severity.HIGH,
            "gguf.tensor-past-eof",
            "tensor '"
                + t.name()
                + "' ("
                + (bytes < 0 ? "overflowing size" : bytes + " bytes")
                + " at data offset "
                + Long.toUnsignedString(t.offset())
                + ") runs past the end of the file",
            -1);
        continue;
      }
      spans.add(new long[] {t.offset(), t.offset() + bytes, i});
    }
    spans.sort((a, b) -> Long.compare(a[0], b[0]));
    for (int i = 1; i < spans.size(); i++) {
      long[] prev = spans.get(i - 1);
      long[] cur = spans.get(i);
      if (cur[0] < prev[1] && cur[1] > cur[0]) {
        w.ctx.report(
            Severity.HIGH,
            "gguf.tensor-overlap",
            "tensor '"
                + infos.get((int) cur[2]).name()
                + "' overlaps tensor '"
                + infos.get((int) prev[2]).name()
                + "'",
            dataStart + cur[0]);
      }
    }
  }

  static long alignUp(long x, long alignment) {
    long r = x % alignment;
    return r == 0 ? x : x + (alignment - r);
  }
}
