package dev.modelgate.scanner;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Benchmark of the pickle-family scanners (not a test: numbers vary). Generates an opcode-dense
 * pickle and a repo of zip-format torch files plus safetensors in a scratch directory, scans them,
 * and prints throughput and peak heap. Run with {@code -Xmx64m} to show the scan fits in 64 MiB:
 *
 * <pre>
 * ./mvnw -q -pl scanner -am test-compile -DskipTests
 * ./mvnw -q -pl scanner dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx64m -cp scanner/target/classes:scanner/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.modelgate.scanner.PickleFamilyBench /tmp/mg-bench 200 2048 3
 * </pre>
 */
public final class PickleFamilyBench {
  private final int rounds;

  private PickleFamilyBench(int rounds) {
    this.rounds = rounds;
  }

  /** Arguments: scratch dir, pickle MiB, repo MiB, rounds. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/mg-bench");
    int pickleMb = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int repoMb = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    PrintWriter out = new PrintWriter(System.out, true);
    Files.createDirectories(dir);
    Path pickle = dir.resolve("dense.pkl");
    if (!Files.exists(pickle) || Files.size(pickle) < ((long) pickleMb << 20) - (1 << 20)) {
      writeDensePickle(pickle, (long) pickleMb << 20);
    }
    Path repo = dir.resolve("repo");
    if (!Files.isDirectory(repo)) {
      writeRepo(repo, (long) repoMb << 20);
    }
    ModelScanner scanner = new ModelScanner();
    PickleFamilyBench bench = new PickleFamilyBench(rounds);
    out.printf("heap max %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
    bench.measure(out, scanner, "opcode-dense pickle", pickle);
    bench.measure(out, scanner, "torch zip + safetensors repo", repo);
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    out.printf("peak heap used (sum of pool peaks) %d MiB%n", peak >> 20);
  }

  private void measure(PrintWriter out, ModelScanner scanner, String what, Path path) {
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    ScanReport last = null;
    var threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      last = scanner.scan(path);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    long bytes = last.summary().bytes();
    long read = last.summary().bytesRead();
    out.printf(
        "%s: %d files, %.1f MiB, read %.2f MiB, best of %d %.3f s wall = %.0f MB/s effective"
            + " (%.3f s CPU = %.0f MB/s per core), max severity %s%n",
        what,
        last.files().size(),
        bytes / 1048576.0,
        read / 1048576.0,
        rounds,
        best,
        bytes / 1e6 / best,
        bestCpu,
        bytes / 1e6 / bestCpu,
        last.summary().maxSeverity());
    for (FileReport f : last.files()) {
      if (f.severity().atLeast(Severity.HIGH)) {
        out.println("  unexpected: " + f.path() + " " + f.findings());
      }
    }
  }

  /**
   * Protocol 4, no frames: a list built from many short opcodes (ints, short strings, tuples, memo
   * puts and gets), appended in batches, the way big Python data structures pickle.
   */
  static void writeDensePickle(Path file, long size) throws IOException {
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      o.write(new byte[] {(byte) 0x80, 4, ']', 'q', 0});
      long written = 5;
      byte[] word = "weight".getBytes(StandardCharsets.US_ASCII);
      int memo = 1;
      while (written < size - 64) {
        o.write('(');
        written++;
        for (int i = 0; i < 1000; i++) {
          o.write(new byte[] {'K', (byte) i, (byte) 0x8c, (byte) word.length});
          o.write(word);
          o.write(
              new byte[] {
                (byte) 0x86,
                'q',
                (byte) (memo % 255 + 1),
                'h',
                0,
                '0',
                'N',
                (byte) 0x88,
                (byte) 0x89
              });
          o.write(0x87);
          o.write('0');
          written += 4 + word.length + 9 + 2;
          memo++;
        }
        o.write('e');
        written++;
      }
      o.write('.');
    }
  }

  /** Zip-format torch files (small data.pkl, big stored tensors) and safetensors files. */
  static void writeRepo(Path repo, long total) throws IOException {
    Files.createDirectories(repo);
    long perFile = 256L << 20;
    int n = (int) Math.max(2, total / perFile);
    Random rnd = new Random(7);
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        writeTorchZip(repo.resolve("pytorch_model-" + i + ".bin"), perFile, rnd);
      } else {
        writeSafetensors(repo.resolve("model-" + i + ".safetensors"), perFile, rnd);
      }
    }
    Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"bench\"}\n");
  }

  private static byte[] chunk(Random rnd) {
    byte[] b = new byte[1 << 20];
    rnd.nextBytes(b);
    b[0] = 0;
    return b;
  }

  private static void writeTorchZip(Path file, long size, Random rnd) throws IOException {
    int tensors = 16;
    long tensorBytes = (size / tensors) & ~3L;
    byte[] data = chunk(rnd);
    try (ZipOutputStream z =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      z.setMethod(ZipOutputStream.STORED);
      byte[] pkl = stateDictPickle(tensors, tensorBytes / 4);
      stored(z, "archive/data.pkl", List.of(pkl), pkl.length);
      stored(z, "archive/version", List.of("3\n".getBytes(StandardCharsets.US_ASCII)), 2);
      for (int t = 0; t < tensors; t++) {
        int chunks = (int) (tensorBytes >> 20);
        stored(
            z,
            "archive/data/" + t,
            java.util.Collections.nCopies(chunks, data),
            (long) chunks << 20);
      }
    }
  }

  private static void stored(ZipOutputStream z, String name, List<byte[]> parts, long len)
      throws IOException {
    ZipEntry e = new ZipEntry(name);
    CRC32 crc = new CRC32();
    parts.forEach(crc::update);
    e.setSize(len);
    e.setCompressedSize(len);
    e.setCrc(crc.getValue());
    z.putNextEntry(e);
    for (byte[] p : parts) {
      z.write(p);
    }
    z.closeEntry();
  }

  /** OrderedDict of n float tensors, each _rebuild_tensor_v2 over a persistent storage id. */
  static byte[] stateDictPickle(int n, long numel) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0x80, 2});
    b.writeBytes(
        "ccollections\nOrderedDict\nq\u0000)Rq\u0001(".getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < n; i++) {
      str(b, "layers." + i + ".weight");
      b.writeBytes("ctorch._utils\n_rebuild_tensor_v2\n(".getBytes(StandardCharsets.ISO_8859_1));
      b.write('(');
      str(b, "storage");
      b.writeBytes("ctorch\nFloatStorage\n".getBytes(StandardCharsets.ISO_8859_1));
      str(b, Integer.toString(i));
      str(b, "cpu");
      b.write('J');
      writeInt(b, (int) numel);
      b.writeBytes(new byte[] {'t', 'Q', 'K', 0, 'J'});
      writeInt(b, (int) numel);
      b.writeBytes(new byte[] {(byte) 0x85, 'K', 1, (byte) 0x85, (byte) 0x89});
      b.writeBytes("ccollections\nOrderedDict\n)Rt".getBytes(StandardCharsets.ISO_8859_1));
      b.write('R');
    }
    b.writeBytes(new byte[] {'u', '.'});
    return b.toByteArray();
  }

  private static void str(ByteArrayOutputStream b, String s) {
    byte[] x = s.getBytes(StandardCharsets.UTF_8);
    b.write('X');
    writeInt(b, x.length);
    b.writeBytes(x);
  }

  private static void writeInt(ByteArrayOutputStream b, int v) {
    b.writeBytes(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
  }

  private static void writeSafetensors(Path file, long size, Random rnd) throws IOException {
    long bytes = (size - 4096) & ~3L;
    String header =
        "{\"w\":{\"dtype\":\"F32\",\"shape\":["
            + bytes / 4
            + "],\"data_offsets\":[0,"
            + bytes
            + "]}}";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] data = chunk(rnd);
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      long len = h.length;
      for (int i = 0; i < 8; i++) {
        o.write((int) (len >>> (8 * i)));
      }
      o.write(h);
      long left = bytes;
      while (left > 0) {
        int k = (int) Math.min(left, data.length);
        o.write(data, 0, k);
        left -= k;
      }
    }
  }
}
