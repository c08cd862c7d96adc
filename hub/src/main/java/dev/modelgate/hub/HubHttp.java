package dev.modelgate.hub;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place HTTP happens: headers, token handling across redirects, retries with backoff, the
 * body read timeout, and mapping failures to typed exceptions.
 */
final class HubHttp implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HubHttp.class);
  private static final int MAX_REDIRECTS = 10;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** Which redirects {@link #send} follows by itself. */
  enum Redirects {
    /** Follow every redirect; the token is only sent to the endpoint's own origin. */
    FOLLOW,
    /** Follow same-origin redirects; hand a cross-origin one back to the caller (metadata HEAD). */
    SAME_ORIGIN_ONLY
  }

  /** One answer; the caller must close it. */
  record Response(int status, HttpHeaders headers, InputStream body, URI uri, boolean redirected)
      implements Closeable {
    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  private final URI endpoint;
  private final String token;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final String userAgent;
  private final HttpClient client;
  private final ScheduledExecutorService watchdogs;
  private final AtomicLong requests = new AtomicLong();

  HubHttp(
      URI endpoint,
      String token,
      Duration connectTimeout,
      Duration readTimeout,
      RetryPolicy retryPolicy,
      String userAgent) {
    this.endpoint = endpoint;
    this.token = token;
    this.readTimeout = readTimeout;
    this.retryPolicy = retryPolicy;
    this.userAgent = userAgent;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.watchdogs =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hub-read-timeout");
              t.setDaemon(true);
              return t;
            });
  }

  URI endpoint() {
    return endpoint;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** HTTP requests sent so far (including retries and redirects). */
  long requestCount() {
    return requests.get();
  }

  /**
   * Sends a request, retrying 408/429/5xx and network failures per the retry policy, and returns a
   * successful (2xx, or with {@link Redirects#SAME_ORIGIN_ONLY} a cross-origin 3xx) answer.
   *
   * @throws HubException typed per the Hub's error code, with {@link HubException#isTransient()}
   */
  Response send(
      String method, URI uri, Map<String, String> headers, byte[] body, Redirects redirects)
      throws IOException {
    int retry = 0;
    while (true) {
      Duration wait;
      try {
        Response r = sendFollowingRedirects(method, uri, headers, body, redirects);
        if (r.status() / 100 == 2) return r;
        if (r.status() / 100 == 3) {
          if (redirects == Redirects.SAME_ORIGIN_ONLY) return r; // a cross-origin redirect
          r.close(); // a redirect without Location, or a 304: nothing we can follow
          throw new HubException(
              method + " " + uri + " answered " + r.status() + " without a usable Location",
              r.status(),
              null,
              false,
              null);
        }
        if (!HubErrors.isRetryable(r.status()) || retry >= retryPolicy.maxRetries()) {
          throw failure(r);
        }
        Optional<Duration> asked = ServerWait.requested(r.status(), r.headers());
        r.close();
        wait = asked.map(retryPolicy::serverWait).orElse(jitter(retryPolicy.backoff(retry + 1)));
        LOG.debug("{} {} answered {}; retrying in {} ms", method, uri, r.status(), wait.toMillis());
      } catch (HubException e) {
        throw e;
      } catch (InterruptedIOException e) {
        throw e; // the caller was interrupted: stop, do not retry
      } catch (IOException e) {
        if (retry >= retryPolicy.maxRetries()) throw networkFailure(method, uri, e);
        wait = jitter(retryPolicy.backoff(retry + 1));
        LOG.debug("{} {} failed ({}); retrying in {} ms", method, uri, e, wait.toMillis());
      }
      retry++;
      sleep(wait);
    }
  }

  static HubException networkFailure(String method, URI uri, IOException e) {
    return new HubException(
        method + " " + uri + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()),
        e,
        true);
  }

  private Response sendFollowingRedirects(
      String method, URI uri, Map<String, String> headers, byte[] body, Redirects redirects)
      throws IOException {
    URI current = uri;
    boolean redirected = false;
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> resp = sendOnce(method, current, headers, body);
      int status = resp.statusCode();
      Optional<String> location = resp.headers().firstValue("Location");
      boolean isRedirect =
          (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
              && location.isPresent();
      if (!isRedirect) {
        return new Response(status, resp.headers(), guard(resp.body()), current, redirected);
      }
      URI target = current.resolve(location.get().trim());
      if (redirects == Redirects.SAME_ORIGIN_ONLY && !HubUrls.sameOrigin(current, target)) {
        return new Response(status, resp.headers(), resp.body(), current, redirected);
      }
      resp.body().close();
      if (hop >= MAX_REDIRECTS) {
        throw new HubException("too many redirects from " + uri, status, null, false, null);
      }
      if (status == 303) {
        method = "GET";
        body = null;
      }
      current = target;
      redirected = true;
    }
  }

  private HttpResponse<InputStream> sendOnce(
      String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .header("User-Agent", userAgent)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    // The token goes to the endpoint's origin only: never to a CDN or any other host.
    if (token != null && !token.isEmpty() && HubUrls.sameOrigin(endpoint, uri)) {
      b.header("Authorization", "Bearer " + token);
    }
    requests.incrementAndGet();
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling " + uri);
    }
  }

  private InputStream guard(InputStream body) {
    return new StallGuardedInputStream(body, readTimeout, watchdogs);
  }

  /** Reads the error body (bounded) and maps the answer to a typed exception. */
  static HubException failure(Response r) {
    byte[] body;
    try (r) {
      body = readAtMost(r.body(), MAX_ERROR_BODY);
    } catch (IOException e) {
      body = new byte[0];
    }
    return HubErrors.toException(r.status(), r.headers(), body, r.uri());
  }

  /** Reads up to {@code max} bytes; more is an error so a hostile server cannot exhaust memory. */
  static byte[] readBounded(InputStream in, long max, URI uri) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > max) {
        throw new HubException(
            "answer from " + uri + " is larger than " + max + " bytes", 0, null, false, null);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    return in.readNBytes(max);
  }

  private static Duration jitter(Duration d) {
    long ms = d.toMillis();
    if (ms <= 1) return d;
    return Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(ms / 4 + 1));
  }

  static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while backing off");
    }
  }

  @Override
  public void close() {
    watchdogs.shutdownNow();
    client.shutdownNow();
  }
}
