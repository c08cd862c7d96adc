package dev.modelgate.cli.webhookbench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a fixed number of requests with a fixed concurrency over keep-alive HTTPS connections,
 * records each latency, and checks each answer (HTTP 200, and {@code allowed} as expected). Bounded
 * in count and in time: past {@code deadline} the remaining requests are not sent and counted as
 * errors.
 */
final class LoadRun {

  /** What one run measured. */
  record Result(
      int requests,
      long errors,
      double seconds,
      double perSecond,
      double p50Millis,
      double p90Millis,
      double p99Millis,
      double maxMillis) {}

  private LoadRun() {}

  static Result run(
      HttpClient http,
      URI uri,
      List<BenchRequests.Request> mix,
      int count,
      int concurrency,
      Duration deadline)
      throws InterruptedException {
    long[] nanos = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicInteger firstErrorLogged = new AtomicInteger();
    long stopAt = System.nanoTime() + deadline.toNanos();
    Thread[] workers = new Thread[concurrency];
    long start = System.nanoTime();
    for (int w = 0; w < concurrency; w++) {
      workers[w] =
          Thread.ofPlatform()
              .name("load-" + w)
              .start(
                  () -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                      if (System.nanoTime() > stopAt) {
                        errors.incrementAndGet();
                        nanos[i] = -1;
                        continue;
                      }
                      BenchRequests.Request r = mix.get(i % mix.size());
                      long t0 = System.nanoTime();
                      boolean ok;
                      String detail = "";
                      try {
                        HttpResponse<byte[]> resp =
                            http.send(
                                HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                                    .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        String body = new String(resp.body(), StandardCharsets.UTF_8);
                        ok =
                            resp.statusCode() == 200 && body.contains("\"allowed\":" + r.allowed());
                        detail =
                            resp.statusCode()
                                + " "
                                + r.kind()
                                + " expected allowed="
                                + r.allowed()
                                + ": "
                                + abbreviate(body);
                      } catch (Exception e) {
                        ok = false;
                        detail = e.toString();
                      }
                      nanos[i] = System.nanoTime() - t0;
                      if (!ok) {
                        errors.incrementAndGet();
                        if (firstErrorLogged.getAndIncrement() < 3)
                          System.err.println("error: " + detail);
                      }
                    }
                  });
    }
    for (Thread t : workers) t.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] done = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
    return new Result(
        count,
        errors.get(),
        seconds,
        done.length / seconds,
        pct(done, 0.50),
        pct(done, 0.90),
        pct(done, 0.99),
        done.length == 0 ? 0 : done[done.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    int idx = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, idx)] / 1e6;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
