package dev.modelgate.cli.webhookbench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark: API server mock with N HFModels → {@code modelgate webhook} as a child process (so
 * its RSS is its own) → load over loopback HTTPS → report.
 */
public final class WebhookBench {

  /** The numbers, and the report as text. */
  public record Report(String text, long errors) {}

  private static final Pattern LISTENING = Pattern.compile("listening on https://[^:]+:(\\d+)/");

  private final int models;
  private final int requests;
  private final int warmup;
  private final int concurrency;
  private final int maxSeconds;
  private final String jvmOpts;

  public WebhookBench(
      int models, int requests, int warmup, int concurrency, int maxSeconds, String jvmOpts) {
    this.models = models;
    this.requests = requests;
    this.warmup = warmup;
    this.concurrency = concurrency;
    this.maxSeconds = maxSeconds;
    this.jvmOpts = jvmOpts;
  }

  public Report run() throws Exception {
    Path dir = Files.createTempDirectory("webhook-bench");
    long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
    Process child = null;
    try (BenchCluster cluster = new BenchCluster()) {
      SelfSignedPem.Pair tls = SelfSignedPem.generate(dir);
      long t0 = System.nanoTime();
      cluster.seed(models, 10);
      System.err.printf(
          Locale.ROOT, "seeded %d HFModels in %.1f s%n", models, (System.nanoTime() - t0) / 1e9);
      Path kubeconfig = cluster.writeKubeconfig(dir);
      Path log = dir.resolve("webhook.log");
      child = startWebhook(tls, kubeconfig, log);
      int port = awaitPort(child, log, deadline);
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(SelfSignedPem.trusting(tls.certificate()))
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      URI base = URI.create("https://127.0.0.1:" + port);
      awaitCache(http, base, deadline);
      List<BenchRequests.Request> mix = BenchRequests.generate(cluster.models(), 2000, 42);
      URI validate = base.resolve("/validate");
      if (warmup > 0) {
        LoadRun.Result w =
            LoadRun.run(http, validate, mix, warmup, concurrency, remaining(deadline));
        System.err.printf(
            Locale.ROOT,
            "warm-up: %d requests, %.0f req/s, %d errors%n",
            warmup,
            w.perSecond(),
            w.errors());
      }
      double cpuBefore = cpuSeconds(child.pid());
      double load = loadAverage();
      LoadRun.Result r =
          LoadRun.run(http, validate, mix, requests, concurrency, remaining(deadline));
      double cpu = cpuSeconds(child.pid()) - cpuBefore;
      long[] mem = memoryKiB(child.pid());
      double cpuMillisPerRequest = cpu * 1000 / r.requests();
      double avgBody = mix.stream().mapToInt(q -> q.body().length).average().orElse(0);
      String text =
          String.format(
              Locale.ROOT,
              "webhook-bench: %d HFModels, %d requests (after %d warm-up), concurrency %d, avg body %.0f B%n"
                  + "throughput: %.0f req/s over %.1f s%n"
                  + "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n"
                  + "errors: %d%n"
                  + "webhook CPU: %.1f s for the measured requests = %.3f ms/request"
                  + " (capacity of 2 dedicated cores at this cost: %.0f req/s)%n"
                  + "machine load average at start: %.1f on %d cores%n"
                  + "webhook RSS: %.0f MiB now, %.0f MiB peak (VmHWM); JVM opts: %s",
              models,
              r.requests(),
              warmup,
              concurrency,
              avgBody,
              r.perSecond(),
              r.seconds(),
              r.p50Millis(),
              r.p90Millis(),
              r.p99Millis(),
              r.maxMillis(),
              r.errors(),
              cpu,
              cpuMillisPerRequest,
              cpuMillisPerRequest > 0 ? 2000 / cpuMillisPerRequest : 0,
              load,
              Runtime.getRuntime().availableProcessors(),
              mem[0] / 1024.0,
              mem[1] / 1024.0,
              jvmOpts);
      return new Report(text, r.errors());
    } finally {
      if (child != null) {
        child.destroy();
        if (!child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) child.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private Process startWebhook(SelfSignedPem.Pair tls, Path kubeconfig, Path log)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    for (String opt : jvmOpts.trim().split("\\s+")) if (!opt.isEmpty()) cmd.add(opt);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.modelgate.cli.Main",
            "webhook",
            "--cert",
            tls.certFile().toString(),
            "--key",
            tls.keyFile().toString(),
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--exempt-namespace",
            "kube-system"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    return pb.start();
  }

  private static int awaitPort(Process child, Path log, long deadline) throws Exception {
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log));
        if (m.find()) return Integer.parseInt(m.group(1));
      }
      if (!child.isAlive()) throw new IOException("webhook exited: " + Files.readString(log));
      Thread.sleep(100);
    }
    throw new IOException("webhook did not start in time");
  }

  /** Waits until /readyz is 200 and the cache holds every HFModel. */
  private void awaitCache(HttpClient http, URI base, long deadline) throws Exception {
    Pattern cached = Pattern.compile("modelgate_webhook_cached_hfmodels\\S* (\\d+)");
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          String metrics =
              http.send(
                      HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          Matcher m = cached.matcher(metrics);
          if (m.find() && (int) Double.parseDouble(m.group(1)) >= models) return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IOException("webhook cache did not fill in time");
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  /** User + system CPU seconds of a process so far, from /proc (0 where unavailable). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command name.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** VmRSS and VmHWM of a process, in KiB (0 where /proc is not available). */
  static long[] memoryKiB(long pid) {
    long rss = 0;
    long hwm = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
        if (line.startsWith("VmHWM:")) hwm = Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: report zeros
    }
    return new long[] {rss, hwm};
  }
}
