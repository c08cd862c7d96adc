package dev.modelgate.crds.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written the way Kubernetes and Go write them: {@code 90s}, {@code 1h30m}. */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  private static final int MAX_LENGTH = 64;

  private GoDuration() {}

  /**
   * Returns the duration, or throws {@link IllegalArgumentException} with a readable message.
   *
   * @param text e.g. {@code 24h}; no sign, at least one unit
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (write e.g. 24h or 1h30m)");
    }
    Matcher m = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            "not a duration: '" + text + "' (write e.g. 24h or 1h30m)");
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unitNanos(m.group(2))));
      at = m.end();
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("duration too long: '" + text + "'");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static BigDecimal unitNanos(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }
}
