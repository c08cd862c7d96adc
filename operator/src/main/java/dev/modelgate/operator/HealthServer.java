package dev.modelgate.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Liveness ({@code /healthz}) and readiness ({@code /readyz}) over plain HTTP for the kubelet's
 * probes (200 with {@code ok}, or 503 with the reason), and Prometheus metrics ({@code /metrics}).
 * Uses the JDK's own HTTP server: nothing here needs more.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  /** A probe's answer: null when healthy, else why not. */
  @FunctionalInterface
  public interface Check extends Supplier<String> {}

  /**
   * Starts serving on {@code port} (0 = any free port) on all interfaces, as the kubelet probes the
   * pod IP.
   */
  public HealthServer(int port, Check liveness, Check readiness, Supplier<String> metrics)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/healthz", ex -> answer(ex, liveness));
    server.createContext("/readyz", ex -> answer(ex, readiness));
    server.createContext("/metrics", ex -> scrape(ex, metrics));
    server.setExecutor(Executors.newSingleThreadExecutor(daemon("modelgate-health")));
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, Check check) throws IOException {
    String problem;
    try {
      problem = check.get();
    } catch (RuntimeException e) {
      problem = "check failed: " + e;
    }
    byte[] body = (problem == null ? "ok\n" : problem + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(problem == null ? 200 : 503, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void scrape(HttpExchange ex, Supplier<String> metrics) throws IOException {
    byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
