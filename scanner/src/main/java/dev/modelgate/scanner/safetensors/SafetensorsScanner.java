package dev.modelgate.scanner.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * safetensors: an 8-byte little-endian header length, a JSON header, then tensor bytes. Only the
 * header is read. The checks are those of the reference loader, which refuses a file that fails any
 * of them, so a file that fails one cannot be vouched for: header length, JSON validity, dtype,
 * shape and offset consistency, offsets inside the file, no overlaps, no gaps, no trailing bytes,
 * string-only {@code __metadata__}.
 */
public final class SafetensorsScanner implements FormatScanner {
  /** The reference implementation's limit on the header length. */
  public static final long MAX_HEADER = 100_000_000L;

  /** Tensors examined per file; real shards have a few thousand. */
  public static final int MAX_TENSORS = 500_000;

  /** Longest metadata value before it is reported as unusual. */
  public static final int LARGE_METADATA = 64 * 1024;

  private static final Map<String, Integer> DTYPE_BITS =
      Map.ofEntries(
          Map.entry("BOOL", 8),
          Map.entry("U8", 8),
          Map.entry("I8", 8),
          Map.entry("F8_E5M2", 8),
          Map.entry("F8_E4M3", 8),
          Map.entry("F8_E8M0", 8),
          Map.entry("I16", 16),
          Map.entry("U16", 16),
          Map.entry("F16", 16),
          Map.entry("BF16", 16),
          Map.entry("I32", 32),
          Map.entry("U32", 32),
          Map.entry("F32", 32),
          Map.entry("F64", 64),
          Map.entry("I64", 64),
          Map.entry("U64", 64),
          Map.entry("F4", 4),
          Map.entry("F6_E2M3", 6),
          Map.entry("F6_E3M2", 6),
          Map.entry("C64", 64));

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(16)
                  .maxStringLength(16 * 1024 * 1024)
                  .maxNameLength(64 * 1024)
                  .maxNumberLength(40)
                  .build())
          .build();

  @Override
  public String format() {
    return "safetensors";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("safetensors");
  }

  @Override
  public boolean mayRunCode() {
    return false;
  }

  @Override
  public int detect(Probe probe) {
    byte[] h = probe.head();
    if (h.length < 10 || h[8] != '{') {
      return Detection.NO;
    }
    long n = le64(h);
    int next = h[9] & 0xff;
    boolean jsonish = next == '"' || next == '}' || next == ' ' || next == '\n';
    if (!jsonish || n < 2) {
      return Detection.NO;
    }
    return n <= probe.size() - 8 && n <= MAX_HEADER ? Detection.CERTAIN : Detection.LIKELY;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    long size = source.size();
    long n = le64(source.readFully(0, 8));
    if (n < 0 || n > MAX_HEADER || n > size - 8) {
      ctx.report(
          Severity.HIGH,
          "safetensors.header-size",
          "header length "
              + Long.toUnsignedString(n)
              + " is "
              + (n > size - 8 || n < 0
                  ? "beyond the end of the " + size + "-byte file"
                  : "over the 100 MB limit")
              + "; the reference loader refuses this file",
          0);
      return;
    }
    ctx.chargeBytes(n);
    Header header;
    try (InputStream in = source.openStream(8, n);
        JsonParser p = JSON.createParser(in)) {
      header = parseHeader(p, ctx);
    } catch (StreamConstraintsException e) {
      ctx.report(
          Severity.HIGH,
          "safetensors.header-json",
          "header exceeds a JSON limit: " + e.getOriginalMessage(),
          8);
      return;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.report(
          Severity.HIGH,
          "safetensors.header-json",
          "header is not valid JSON: " + e.getOriginalMessage(),
          8 + Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getByteOffset()));
      return;
    } catch (BadHeader e) {
      ctx.report(Severity.HIGH, e.rule, e.getMessage(), 8);
      return;
    }
    checkTensors(header, size - 8 - n, 8 + n, ctx);
  }

  /** A header problem that stops parsing. */
  private static final class BadHeader extends Exception {
    private static final long serialVersionUID = 1L;
    final String rule;

    BadHeader(String rule, String message) {
      super(message);
      this.rule = rule;
    }
  }

  private record Tensor(String name, String dtype, long[] shape, long begin, long end) {}

  private record Header(List<Tensor> tensors) {}

  private Header parseHeader(JsonParser p, ScanContext ctx) throws IOException, BadHeader {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new BadHeader("safetensors.header-json", "header is not a JSON object");
    }
    List<Tensor> tensors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    JsonToken tok;
    while ((tok = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (!names.add(name)) {
        throw new BadHeader(
            "safetensors.duplicate-key",
            "header names '"
                + shorten(name)
                + "' twice; JSON readers disagree on which one counts");
      }
      p.nextToken();
      if (name.equals("__metadata__")) {
        parseMetadata(p, ctx);
        continue;
      }
      if (tensors.size() >= MAX_TENSORS) {
        throw new BadHeader(
            "safetensors.limit", "more than " + MAX_TENSORS + " tensors; not examined further");
      }
      tensors.add(parseTensor(name, p));
      if ((tensors.size() & 1023) == 0) {
        ctx.checkTime();
      }
    }
    if (tok != JsonToken.END_OBJECT) {
      throw new BadHeader("safetensors.header-json", "header is not a JSON object");
    }
    if (p.nextToken() != null) {
      throw new BadHeader("safetensors.header-json", "header has data after its JSON object");
    }
    return new Header(tensors);
  }

  private void parseMetadata(JsonParser p, ScanContext ctx) throws IOException, BadHeader {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new BadHeader("safetensors.metadata", "__metadata__ is not an object of strings");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_STRING) {
        throw new BadHeader(
            "safetensors.metadata",
            "__metadata__ value '"
                + shorten(key)
                + "' is "
                + v
                + ", not a string; the reference loader refuses this file");
      }
      int len = p.getTextLength();
      if (len > LARGE_METADATA) {
        ctx.report(
            Severity.MEDIUM,
            "safetensors.metadata-large",
            "__metadata__ value '" + shorten(key) + "' is " + len + " characters long",
            -1);
      }
    }
  }

  private Tensor parseTensor(String name, JsonParser p) throws IOException, BadHeader {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw bad(name, "is not an object");
    }
    String dtype = null;
    long[] shape = null;
    long[] offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "dtype" -> {
          if (v != JsonToken.VALUE_STRING) {
            throw bad(name, "has a dtype that is not a string");
          }
          dtype = p.getText();
        }
        case "shape" -> shape = longs(name, "shape", p, 64);
        case "data_offsets" -> offsets = longs(name, "data_offsets", p, 2);
        default -> p.skipChildren();
      }
    }
    if (dtype == null || shape == null || offsets == null || offsets.length != 2) {
      throw bad(name, "lacks dtype, shape or a [begin, end] data_offsets pair");
    }
    if (offsets[0] > offsets[1]) {
      throw bad(name, "has data_offsets that end before they begin");
    }
    return new Tensor(name, dtype, shape, offsets[0], offsets[1]);
  }

  private long[] longs(String name, String field, JsonParser p, int max)
      throws IOException, BadHeader {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw bad(name, "has a " + field + " that is not an array");
    }
    long[] out = new long[4];
    int k = 0;
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      if (v != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw bad(name, "has a " + field + " entry that is not a 64-bit integer");
      }
      long x = p.getLongValue();
      if (x < 0) {
        throw bad(name, "has a negative " + field + " entry " + x);
      }
      if (k == max) {
        throw bad(name, "has more than " + max + " " + field + " entries");
      }
      if (k == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[k++] = x;
    }
    return Arrays.copyOf(out, k);
  }

  private static BadHeader bad(String tensor, String what) {
    return new BadHeader(
        "safetensors.header-json",
        "tensor '" + shorten(tensor) + "' " + what + "; the reference loader refuses this file");
  }

  private void checkTensors(Header h, long dataLen, long dataStart, ScanContext ctx) {
    for (Tensor t : h.tensors()) {
      Integer bits = DTYPE_BITS.get(t.dtype());
      if (bits == null) {
        ctx.report(
            Severity.MEDIUM,
            "safetensors.dtype-unknown",
            "tensor '" + shorten(t.name()) + "' has unknown dtype '" + shorten(t.dtype()) + "'",
            -1);
        continue;
      }
      long expected = byteLength(t.shape(), bits);
      if (expected != t.end() - t.begin()) {
        ctx.report(
            Severity.HIGH,
            "safetensors.shape-mismatch",
            "tensor '"
                + shorten(t.name())
                + "' is "
                + t.dtype()
                + Arrays.toString(t.shape())
                + " ("
                + (expected < 0 ? "overflowing" : expected + " bytes")
                + ") but its offsets span "
                + (t.end() - t.begin())
                + " bytes",
            -1);
      }
    }
    List<Tensor> sorted = new ArrayList<>(h.tensors());
    sorted.sort(
        (a, b) ->
            a.begin() != b.begin()
                ? Long.compare(a.begin(), b.begin())
                : Long.compare(a.end(), b.end()));
    long covered = 0;
    Tensor prev = null;
    for (Tensor t : sorted) {
      if (t.end() > dataLen) {
        ctx.report(
            Severity.HIGH,
            "safetensors.offset-past-eof",
            "tensor '"
                + shorten(t.name())
                + "' ends at data byte "
                + t.end()
                + " but the file holds only "
                + dataLen
                + " data bytes",
            dataStart + Math.min(t.begin(), dataLen));
      }
      if (t.begin() < covered && t.end() > t.begin()) {
        ctx.report(
            Severity.HIGH,
            "safetensors.overlap",
            "tensor '" + shorten(t.name()) + "' overlaps tensor '" + shorten(prev.name()) + "'",
            dataStart + t.begin());
      } else if (t.begin() > covered) {
        ctx.report(
            Severity.HIGH,
            "safetensors.gap",
            (t.begin() - covered)
                + " bytes before tensor '"
                + shorten(t.name())
                + "' belong to no tensor (room for hidden content)",
            dataStart + covered);
      }
      if (t.end() > covered) {
        covered = t.end();
        prev = t;
      } else if (prev == null) {
        prev = t;
      }
    }
    if (covered < dataLen) {
      ctx.report(
          Severity.HIGH,
          "safetensors.trailing-data",
          (dataLen - covered)
              + " bytes after the last tensor belong to no tensor (room for hidden content)",
          dataStart + covered);
    }
  }

  /** Bytes of a tensor, or -1 on overflow. */
  static long byteLength(long[] shape, int bits) {
    try {
      long n = 1;
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      long totalBits = Math.multiplyExact(n, (long) bits);
      return (totalBits + 7) / 8;
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static long le64(byte[] b) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[i] & 0xff);
    }
    return v;
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
