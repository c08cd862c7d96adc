package dev.modelgate.hub;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads how long the server asks us to wait: {@code RateLimit: "api";r=0;t=55} on a 429 (only
 * trusted as the cause when {@code r=0}, since the header is on every answer), else {@code
 * Retry-After} in seconds.
 */
final class ServerWait {
  private static final long MAX_SECONDS = 24 * 3600;

  private ServerWait() {}

  /** The requested wait, or empty when the server named none. */
  static Optional<Duration> requested(int status, HttpHeaders headers) {
    if (status == 429) {
      Optional<Duration> fromRateLimit =
          headers.firstValue("RateLimit").flatMap(ServerWait::rateLimit);
      if (fromRateLimit.isPresent()) return fromRateLimit;
    }
    return headers.firstValue("Retry-After").flatMap(ServerWait::retryAfter);
  }

  /** {@code "api";r=0;t=55} → 56 s (the reset time plus one, as huggingface_hub does). */
  static Optional<Duration> rateLimit(String value) {
    Long remaining = null;
    Long reset = null;
    for (String part : value.split(";")) {
      String p = part.trim();
      if (p.startsWith("r=")) remaining = parseSeconds(p.substring(2));
      else if (p.startsWith("t=")) reset = parseSeconds(p.substring(2));
    }
    if (remaining == null || remaining != 0 || reset == null) return Optional.empty();
    return Optional.of(Duration.ofSeconds(reset + 1));
  }

  /** Delay-seconds form only; the HTTP-date form is ignored, as huggingface_hub does. */
  static Optional<Duration> retryAfter(String value) {
    Long s = parseSeconds(value.trim());
    return s == null ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
  }

  private static Long parseSeconds(String s) {
    if (s.isEmpty() || s.length() > 12) return null;
    for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return null;
    return Math.min(Long.parseLong(s), MAX_SECONDS);
  }
}
