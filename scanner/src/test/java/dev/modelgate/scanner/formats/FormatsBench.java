package dev.modelgate.scanner.formats;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.ModelScanner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Effective scan throughput and bytes read for large non-pickle model files: a 2 GiB safetensors
 * shard, a 2 GiB GGUF with a real-sized vocabulary header, a 1 GiB ONNX with inline weights. The
 * tensor bytes are sparse (holes), so the files cost no disk. Run it with a small heap to show
 * memory stays bounded:
 *
 * <pre>
 * ./mvnw -q -pl scanner test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx64m -cp scanner/target/classes:scanner/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.modelgate.scanner.formats.FormatsBench
 * </pre>
 */
public final class FormatsBench {
  private static final long GIB = 1L << 30;

  private FormatsBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("modelgate-bench");
    try {
      List<Path> files = new ArrayList<>();
      files.add(safetensors(dir.resolve("model.safetensors"), 2 * GIB, 1200));
      files.add(gguf(dir.resolve("model.gguf"), 2 * GIB, 128_256));
      files.add(onnx(dir.resolve("model.onnx"), GIB, 400));
      ModelScanner scanner = new ModelScanner();
      for (int round = 0; round < 3; round++) {
        for (Path f : files) {
          long t0 = System.nanoTime();
          FileReport r = scanner.scanFile(f);
          long ns = System.nanoTime() - t0;
          if (round == 2) {
            double secs = ns / 1e9;
            System.out.printf(
                Locale.ROOT,
                "%-18s %6.2f GiB  %8.1f ms  %9.1f GB/s effective  read %,d bytes  severity %s%n",
                f.getFileName(),
                r.size() / (double) GIB,
                secs * 1000,
                r.size() / secs / 1e9,
                r.bytesRead(),
                r.severity());
          }
        }
      }
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT, "max heap %d MiB%n", rt.maxMemory() >> 20);
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static byte[] le64(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  /** A header of {@code tensors} F16 tensors sharing {@code size} bytes, data left sparse. */
  static Path safetensors(Path p, long size, int tensors) throws IOException {
    StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
    long per = (size / tensors) & ~1L;
    long off = 0;
    for (int i = 0; i < tensors; i++) {
      h.append(",\"model.layers.")
          .append(i)
          .append(".weight\":{\"dtype\":\"F16\",\"shape\":[")
          .append(per / 2)
          .append("],\"data_offsets\":[")
          .append(off)
          .append(',')
          .append(off + per)
          .append("]}");
      off += per;
    }
    h.append('}');
    byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(le64(header.length));
      f.write(header);
      f.setLength(8 + header.length + off);
    }
    return p;
  }

  /** GGUF v3 with a vocabulary array of {@code vocab} tokens and one big F32 tensor. */
  static Path gguf(Path p, long size, int vocab) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(
        ByteBuffer.allocate(20)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(3)
            .putLong(1)
            .putLong(3)
            .array());
    kvString(b, "general.architecture", "llama");
    kvString(b, "tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
    str(b, "tokenizer.ggml.tokens");
    b.writeBytes(
        ByteBuffer.allocate(16)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(9)
            .putInt(8)
            .putLong(vocab)
            .array());
    for (int i = 0; i < vocab; i++) {
      str(b, "tok" + i);
    }
    str(b, "blk.0.weight");
    long elems = (size - b.size() - 1024) / 4;
    b.writeBytes(
        ByteBuffer.allocate(4 + 8 + 4 + 8)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(1)
            .putLong(elems)
            .putInt(0)
            .putLong(0)
            .array());
    int pad = (int) ((32 - b.size() % 32) % 32);
    b.writeBytes(new byte[pad]);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(b.toByteArray());
      f.setLength(b.size() + elems * 4);
    }
    return p;
  }

  private static void str(java.io.ByteArrayOutputStream b, String s) {
    byte[] x = s.getBytes(StandardCharsets.UTF_8);
    b.writeBytes(le64(x.length));
    b.writeBytes(x);
  }

  private static void kvString(java.io.ByteArrayOutputStream b, String k, String v) {
    str(b, k);
    b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(8).array());
    str(b, v);
  }

  /** ModelProto{ir_version, graph{node MatMul, initializers with inline raw_data}}, data sparse. */
  static Path onnx(Path p, long size, int initializers) throws IOException {
    long per = size / initializers;
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
      head.write(0x08);
      varint(head, 8);
      byte[] node =
          concat(
              field(1, "w0".getBytes()),
              field(1, "x".getBytes()),
              field(2, "y".getBytes()),
              field(4, "MatMul".getBytes()));
      // graph = field 7; its length covers the node and every initializer
      long graphLen = tagLen(1, node.length) + node.length;
      List<byte[]> inits = new ArrayList<>();
      for (int i = 0; i < initializers; i++) {
        byte[] prefix = concat(new byte[] {0x08, 1, 0x10, 1}, field(8, ("w" + i).getBytes()));
        long tensorLen = prefix.length + tagLen(9, per) + per;
        byte[] tensorHead = concat(tagAndLen(5, tensorLen), prefix, tagAndLen(9, per));
        inits.add(tensorHead);
        graphLen += tensorHead.length + per;
      }
      head.writeBytes(tagAndLen(7, graphLen));
      head.writeBytes(tagAndLen(1, node.length));
      head.writeBytes(node);
      f.write(head.toByteArray());
      long pos = head.size();
      for (byte[] t : inits) {
        f.seek(pos);
        f.write(t);
        pos += t.length + per;
      }
      f.setLength(pos);
      f.seek(pos);
      f.write(concat(tagAndLen(8, 2), new byte[] {0x10, 13}));
    }
    return p;
  }

  private static byte[] field(int n, byte[] v) {
    return concat(tagAndLen(n, v.length), v);
  }

  private static long tagLen(int n, long len) {
    return tagAndLen(n, len).length;
  }

  private static byte[] tagAndLen(int n, long len) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    varint(b, (long) n << 3 | 2);
    varint(b, len);
    return b.toByteArray();
  }

  private static void varint(java.io.ByteArrayOutputStream b, long v) {
    while ((v & ~0x7fL) != 0) {
      b.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    b.write((int) v);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }
}
