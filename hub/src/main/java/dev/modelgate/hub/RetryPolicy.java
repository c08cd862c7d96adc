package dev.modelgate.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries 408/429/5xx answers and network failures: up to {@code maxRetries} extra
 * attempts, exponential backoff from {@code initialBackoff} capped at {@code maxBackoff}, and a
 * server-requested wait ({@code Retry-After}, or {@code RateLimit} with {@code r=0}) honoured up to
 * {@code maxServerWait}. Tests use millisecond values so fault cases stay fast.
 *
 * @param maxRetries extra attempts after the first (0 = no retries)
 * @param initialBackoff delay before the first retry when the server names none
 * @param maxBackoff cap on the exponential backoff
 * @param maxServerWait cap on a server-requested wait; a longer request is shortened to this
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxServerWait) {

  public RetryPolicy {
    if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxServerWait, "maxServerWait");
  }

  /** The huggingface_hub defaults: 5 retries, backoff 1, 2, 4, 8, 8 s, server waits up to 5 min. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(5));
  }

  /** No retries at all: the first transient failure is thrown. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Fast policy for tests: {@code retries} retries with millisecond-scale delays. */
  public static RetryPolicy fast(int retries) {
    return new RetryPolicy(
        retries, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofMillis(50));
  }

  /** The backoff before retry number {@code retry} (1-based) when the server named no wait. */
  public Duration backoff(int retry) {
    long base = initialBackoff.toMillis();
    int shift = Math.min(Math.max(retry - 1, 0), 20);
    long ms = Math.min(base << shift, maxBackoff.toMillis());
    return Duration.ofMillis(Math.max(ms, 0));
  }

  /** A server-requested wait, capped at {@code maxServerWait}. */
  public Duration serverWait(Duration requested) {
    return requested.compareTo(maxServerWait) > 0 ? maxServerWait : requested;
  }
}
