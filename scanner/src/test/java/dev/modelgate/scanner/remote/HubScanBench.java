package dev.modelgate.scanner.remote;

import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.server.HubServer;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.ScanReport;
import java.nio.file.Path;

/**
 * Bytes read versus repo size for a remote scan (not a test): serves DIR with the local Hub server
 * and scans {@code hf://org/name@rev} through HTTP Range reads. Arguments: DIR, hf reference.
 */
public final class HubScanBench {
  private HubScanBench() {}

  public static void main(String[] a) throws Exception {
    try (HubServer server = HubServer.builder(Path.of(a[0])).port(0).start();
        HubClient hub = HubClient.builder().endpoint("http://127.0.0.1:" + server.port()).build()) {
      long t0 = System.nanoTime();
      ScanReport r =
          HubRepoScanner.scan(new ModelScanner(), hub, HubRepoScanner.parse(a[1]), f -> {});
      double s = (System.nanoTime() - t0) / 1e9;
      for (FileReport f : r.files()) {
        System.out.printf(
            "%-60s %-12s %-6s size %,d read %,d%n",
            f.path(), f.format(), f.severity(), f.size(), f.bytesRead());
      }
      System.out.printf(
          "total size %,d bytes, fetched %,d bytes (%.4f%%), %d HTTP requests, %.2f s%n",
          r.summary().bytes(),
          r.summary().bytesRead(),
          100.0 * r.summary().bytesRead() / r.summary().bytes(),
          hub.requestCount(),
          s);
    }
  }
}
