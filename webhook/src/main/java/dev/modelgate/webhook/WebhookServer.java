package dev.modelgate.webhook;

import dev.modelgate.webhook.decide.Decision;
import dev.modelgate.webhook.review.AdmissionRequest;
import dev.modelgate.webhook.review.AdmissionReviewCodec;
import dev.modelgate.webhook.review.BadRequestException;
import dev.modelgate.webhook.tls.ReloadingKeyManager;
import dev.modelgate.webhook.tls.TlsConnector;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS front: {@code POST /validate} (AdmissionReview v1), {@code GET /healthz}, {@code GET
 * /readyz} (200 once the caches are synced), {@code GET /metrics} (Prometheus). Bad bodies get 400
 * or 413 with a one-line message; nothing a caller sends yields a 500 or a stack trace.
 */
public final class WebhookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  /**
   * @param host address to bind ({@code 0.0.0.0} in a pod, {@code 127.0.0.1} in tests)
   * @param port port, 0 for any free one
   * @param maxBodyBytes larger bodies get 413
   * @param maxThreads request threads; the work is CPU-bound, a few per core suffice
   */
  public record Options(String host, int port, long maxBodyBytes, int maxThreads) {}

  private final Options options;
  private final AdmissionHandler handler;
  private final AdmissionReviewCodec codec;
  private final WebhookMetrics metrics;
  private final BooleanSupplier ready;
  private final Javalin app;

  public WebhookServer(
      Options options,
      ReloadingKeyManager keys,
      AdmissionHandler handler,
      WebhookMetrics metrics,
      BooleanSupplier ready) {
    this.options = options;
    this.handler = handler;
    this.codec = new AdmissionReviewCodec(options.maxBodyBytes());
    this.metrics = metrics;
    this.ready = ready;
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = options.maxBodyBytes();
              QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, options.maxThreads()), 4);
              pool.setName("webhook");
              cfg.jetty.threadPool = pool;
              cfg.jetty.addConnector(
                  (server, http) ->
                      TlsConnector.create(server, http, keys, options.host(), options.port()));
              cfg.routes.post("/validate", this::validate);
              cfg.routes.get("/healthz", ctx -> ctx.result("ok"));
              cfg.routes.get("/readyz", this::readyz);
              cfg.routes.get(
                  "/metrics",
                  ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
              cfg.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("unexpected error path={}", ctx.path(), e);
                    ctx.status(500).contentType("text/plain").result("internal error\n");
                  });
            });
  }

  /** Starts serving; returns the bound port. */
  public int start() {
    app.start();
    for (var c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc && sc.getLocalPort() > 0) return sc.getLocalPort();
    }
    throw new IllegalStateException("no connector bound");
  }

  @Override
  public void close() {
    app.stop();
  }

  private void readyz(Context ctx) {
    if (ready.getAsBoolean()) {
      ctx.result("ok");
    } else {
      ctx.status(503).result("caches not synced\n");
    }
  }

  private void validate(Context ctx) {
    long start = System.nanoTime();
    byte[] body;
    try {
      body = readBounded(ctx);
    } catch (TooLarge e) {
      reject(ctx, 413, "request body larger than " + options.maxBodyBytes() + " bytes");
      return;
    } catch (IOException e) {
      reject(ctx, 400, "request body could not be read");
      return;
    }
    AdmissionRequest req;
    try {
      req = codec.parse(body);
    } catch (BadRequestException e) {
      reject(ctx, 400, e.getMessage());
      return;
    }
    Decision decision = handler.handle(req);
    ctx.contentType("application/json").result(codec.respond(req.uid(), decision));
    metrics.decided(req.kind(), decision.result(), System.nanoTime() - start);
    log(req, decision);
  }

  private void reject(Context ctx, int status, String message) {
    metrics.rejected(status);
    LOG.info("rejected request status={} reason=\"{}\"", status, message);
    ctx.status(status).contentType("text/plain").result(message + "\n");
  }

  /** Reads at most {@code maxBodyBytes}; a longer body (declared or actual) is {@link TooLarge}. */
  private byte[] readBounded(Context ctx) throws IOException, TooLarge {
    long max = options.maxBodyBytes();
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > max) {
        discard(in);
        throw new TooLarge();
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (body.length > max) {
        discard(in);
        throw new TooLarge();
      }
      return body;
    }
  }

  /**
   * Reads and drops the rest of a too-large body (up to {@link #DISCARD_LIMIT}) so the caller,
   * still sending, gets the 413 instead of a reset connection; beyond the limit the connection is
   * simply closed.
   */
  private static void discard(InputStream in) {
    byte[] buf = new byte[16 * 1024];
    long left = DISCARD_LIMIT;
    try {
      int n;
      while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) left -= n;
    } catch (IOException e) {
      // The caller gave up; the 413 is still the answer.
    }
  }

  private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

  /** Structured, and free of secrets: ids, names and verdicts only, never env values or specs. */
  private static void log(AdmissionRequest req, Decision decision) {
    if (decision.result() == Decision.Result.SKIPPED
        || (decision.result() == Decision.Result.ALLOWED && decision.violations().isEmpty())) {
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "admission uid={} kind={} namespace={} name={} operation={} result={}",
            req.uid(),
            safe(req.qualifiedKind()),
            safe(req.namespace()),
            safe(req.name()),
            safe(req.operation()),
            decision.result().label());
      }
      return;
    }
    LOG.info(
        "admission uid={} kind={} namespace={} name={} operation={} dryRun={} result={}"
            + " violations={} detail=\"{}\"",
        req.uid(),
        safe(req.qualifiedKind()),
        safe(req.namespace()),
        safe(req.name()),
        safe(req.operation()),
        req.dryRun(),
        decision.result().label(),
        decision.violations().size(),
        decision.message() != null ? decision.message() : String.join(" | ", decision.warnings()));
  }

  /** Names come from the request: one line, printable, bounded, so a log line cannot be forged. */
  static String safe(String s) {
    String printable = s.replaceAll("[^\\x21-\\x7e]", "?");
    return printable.length() > 253 ? printable.substring(0, 253) + "..." : printable;
  }

  private static final class TooLarge extends Exception {
    TooLarge() {
      super(null, null, false, false);
    }
  }
}
