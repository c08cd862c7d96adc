package dev.modelgate.hub.bench;

import dev.modelgate.hub.DownloadResult;
import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.RepoFile;
import dev.modelgate.hub.server.HubServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Fetch+verify benchmark against the local {@link HubServer} over loopback: one large LFS file
 * (SHA-256 verified) and a repo of many small files (git blob id verified). Reports MB/s and the
 * JVM's peak heap (client and server share the JVM, so the number bounds both). Run it with a
 * capped heap to prove the bound, e.g. {@code -Xmx128m}; see docs/benchmarks.md for the command.
 *
 * <p>Arguments: {@code [largeMiB=1024] [smallFiles=500] [smallBytes=8192] [runs=3]}.
 */
public final class HubFetchBench {
  private HubFetchBench() {}

  public static void main(String[] args) throws Exception {
    long largeMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int smallFiles = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int smallBytes = args.length > 2 ? Integer.parseInt(args[2]) : 8192;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path work = Files.createTempDirectory("hub-bench");
    try {
      run(work, largeMiB, smallFiles, smallBytes, runs);
    } finally {
      deleteTree(work);
    }
  }

  private static void run(Path work, long largeMiB, int smallFiles, int smallBytes, int runs)
      throws Exception {
    Path root = work.resolve("hub");
    long t = System.nanoTime();
    writeLarge(root.resolve("bench/large/model.safetensors"), largeMiB);
    writeSmall(root.resolve("bench/small"), smallFiles, smallBytes);
    System.out.printf(
        "generated %d MiB file and %d small files in %.1f s%n", largeMiB, smallFiles, secs(t));
    try (HubServer server = HubServer.builder(root).start();
        HubClient client = HubClient.builder().endpoint(server.uri()).build()) {
      t = System.nanoTime();
      String largeCommit = client.resolveCommit("bench/large", "main");
      String smallCommit = client.resolveCommit("bench/small", "main");
      System.out.printf("server hashed both repos in %.1f s (once; cached after)%n", secs(t));
      RepoFile large = client.listFiles("bench/large", largeCommit).get(0);
      List<Double> largeRates = new ArrayList<>();
      List<Double> largeCpu = new ArrayList<>();
      resetPeaks();
      for (int i = 0; i < runs; i++) {
        Path target = work.resolve("out/large-" + i);
        long cpu0 = cpuNanos();
        t = System.nanoTime();
        DownloadResult r = client.download("bench/large", largeCommit, large, target, null);
        double s = secs(t);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        largeRates.add(r.size() / s / 1e6);
        largeCpu.add(cpu / (r.size() / 1e9));
        System.out.printf(
            "large  run %d: %,d bytes in %.2f s = %.0f MB/s (sha256 verified); CPU %.2f s (client+server)%n",
            i + 1, r.size(), s, r.size() / s / 1e6, cpu);
        Files.delete(target);
      }
      long largePeak = peakHeap();
      resetPeaks();
      List<Double> smallRates = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Path dir = work.resolve("out/small-" + i);
        t = System.nanoTime();
        List<RepoFile> files = client.listFiles("bench/small", smallCommit);
        long bytes = 0;
        for (RepoFile f : files) {
          bytes +=
              client.download("bench/small", smallCommit, f, dir.resolve(f.path()), null).size();
        }
        double s = secs(t);
        smallRates.add(files.size() / s);
        System.out.printf(
            "small  run %d: %d files, %,d bytes in %.2f s = %.0f files/s, %.1f MB/s (list + blob id verified, sequential)%n",
            i + 1, files.size(), bytes, s, files.size() / s, bytes / s / 1e6);
        deleteTree(dir);
      }
      Path dir = work.resolve("out/small-par");
      t = System.nanoTime();
      List<RepoFile> files = client.listFiles("bench/small", smallCommit);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<DownloadResult>> futures = new ArrayList<>();
      for (RepoFile f : files) {
        futures.add(
            pool.submit(
                () -> client.download("bench/small", smallCommit, f, dir.resolve(f.path()), null)));
      }
      for (Future<DownloadResult> f : futures) f.get();
      pool.shutdown();
      double s = secs(t);
      System.out.printf(
          "small  8 threads: %d files in %.2f s = %.0f files/s%n",
          files.size(), s, files.size() / s);
      long smallPeak = peakHeap();
      System.out.printf(
          "RESULT large: best %.0f MB/s, median %.0f MB/s, %.2f CPU-s per GB (client+server); small: best %.0f files/s; peak heap large %d MiB, small %d MiB; max heap %d MiB%n",
          largeRates.stream().max(Double::compare).orElseThrow(),
          median(largeRates),
          median(largeCpu),
          smallRates.stream().max(Double::compare).orElseThrow(),
          largePeak >> 20,
          smallPeak >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static void writeLarge(Path f, long mib) throws IOException {
    Files.createDirectories(f.getParent());
    byte[] block = new byte[1 << 20];
    Random rnd = new Random(42);
    try (OutputStream out = Files.newOutputStream(f)) {
      for (long i = 0; i < mib; i++) {
        rnd.nextBytes(block);
        out.write(block);
      }
    }
  }

  private static void writeSmall(Path dir, int count, int bytes) throws IOException {
    Random rnd = new Random(7);
    for (int i = 0; i < count; i++) {
      Path f = dir.resolve("shard-" + (i % 10) + "/file-" + i + ".json");
      Files.createDirectories(f.getParent());
      byte[] b = new byte[bytes / 2 + rnd.nextInt(bytes)];
      for (int j = 0; j < b.length; j++) b[j] = (byte) ('a' + rnd.nextInt(26));
      Files.write(f, b);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
  }

  /** Sum of the heap pools' peak usage since the last reset. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    }
    return sum;
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }
}
