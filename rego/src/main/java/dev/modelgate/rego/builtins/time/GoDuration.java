package dev.modelgate.rego.builtins.time;

import dev.modelgate.rego.builtins.strings.GoQuote;
import java.util.Map;

/** Go's {@code time.ParseDuration}, as {@code time.parse_duration_ns} uses it. */
public final class GoDuration {

  private static final long LIMIT = Long.MIN_VALUE; // 1<<63 as an unsigned value

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * Parses "300ms", "-1.5h", "2h45m" into nanoseconds.
   *
   * @throws IllegalArgumentException with Go's message ({@code time: invalid duration "x"})
   */
  public static long parse(String orig) {
    String s = orig;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    long d = 0; // unsigned
    while (!s.isEmpty()) {
      char c0 = s.charAt(0);
      if (!(c0 == '.' || (c0 >= '0' && c0 <= '9'))) {
        throw invalid(orig);
      }
      // leading integer
      int i = 0;
      long v = 0;
      for (; i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128; i++) {
        if (Long.compareUnsigned(v, Long.divideUnsigned(LIMIT, 10)) > 0) {
          throw invalid(orig);
        }
        v = v * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(v, LIMIT) > 0) {
          throw invalid(orig);
        }
      }
      boolean pre = i > 0;
      s = s.substring(i);
      long f = 0;
      double scale = 1;
      boolean post = false;
      if (!s.isEmpty() && s.charAt(0) == '.') {
        s = s.substring(1);
        int j = 0;
        boolean overflow = false;
        for (; j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9'; j++) {
          if (overflow) {
            continue;
          }
          if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
            overflow = true;
            continue;
          }
          long y = f * 10 + (s.charAt(j) - '0');
          if (Long.compareUnsigned(y, LIMIT) > 0) {
            overflow = true;
            continue;
          }
          f = y;
          scale *= 10;
        }
        post = j > 0;
        s = s.substring(j);
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int u = 0;
      while (u < s.length()
          && !(s.charAt(u) == '.' || (s.charAt(u) >= '0' && s.charAt(u) <= '9'))) {
        u++;
      }
      if (u == 0) {
        throw new IllegalArgumentException(
            "time: missing unit in duration " + GoQuote.quote(orig, false));
      }
      String unitName = s.substring(0, u);
      s = s.substring(u);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit "
                + GoQuote.quote(unitName, false)
                + " in duration "
                + GoQuote.quote(orig, false));
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(LIMIT, unit)) > 0) {
        throw invalid(orig);
      }
      v *= unit;
      if (f > 0) {
        v += (long) ((double) f * ((double) unit / scale));
        if (Long.compareUnsigned(v, LIMIT) > 0) {
          throw invalid(orig);
        }
      }
      d += v;
      if (Long.compareUnsigned(d, LIMIT) > 0) {
        throw invalid(orig);
      }
    }
    if (neg) {
      return -d;
    }
    if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
      throw invalid(orig);
    }
    return d;
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + GoQuote.quote(orig, false));
  }
}
