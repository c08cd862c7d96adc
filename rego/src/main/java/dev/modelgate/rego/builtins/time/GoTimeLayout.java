package dev.modelgate.rego.builtins.time;

import dev.modelgate.rego.builtins.strings.GoQuote;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}): {@code time.Parse} and {@code
 * Time.Format}, following Go's {@code nextStdChunk} tokenizer so layouts mean exactly what they
 * mean in OPA.
 */
public final class GoTimeLayout {

  public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
  public static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

  private static final String[] LONG_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] LONG_DAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };

  // std chunk kinds
  private static final int NONE = 0;
  private static final int LONG_MONTH = 1;
  private static final int MONTH = 2;
  private static final int NUM_MONTH = 3;
  private static final int ZERO_MONTH = 4;
  private static final int LONG_WEEKDAY = 5;
  private static final int WEEKDAY = 6;
  private static final int DAY = 7;
  private static final int UNDER_DAY = 8;
  private static final int ZERO_DAY = 9;
  private static final int UNDER_YEARDAY = 10;
  private static final int ZERO_YEARDAY = 11;
  private static final int HOUR = 12;
  private static final int HOUR12 = 13;
  private static final int ZERO_HOUR12 = 14;
  private static final int MINUTE = 15;
  private static final int ZERO_MINUTE = 16;
  private static final int SECOND = 17;
  private static final int ZERO_SECOND = 18;
  private static final int LONG_YEAR = 19;
  private static final int YEAR = 20;
  private static final int PM = 21;
  private static final int LOWER_PM = 22;
  private static final int TZ = 23;
  private static final int ISO_TZ = 24;
  private static final int ISO_SECONDS_TZ = 25;
  private static final int ISO_SHORT_TZ = 26;
  private static final int ISO_COLON_TZ = 27;
  private static final int ISO_COLON_SECONDS_TZ = 28;
  private static final int NUM_TZ = 29;
  private static final int NUM_SECONDS_TZ = 30;
  private static final int NUM_SHORT_TZ = 31;
  private static final int NUM_COLON_TZ = 32;
  private static final int NUM_COLON_SECONDS_TZ = 33;
  private static final int FRAC0 = 34;
  private static final int FRAC9 = 35;

  private static final int[] STD0X = {
    ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR
  };

  private GoTimeLayout() {}

  /** One tokenizer step: literal prefix, the std element (with its digits/separator), rest. */
  private record Chunk(String prefix, int std, int fracDigits, char fracSep, String suffix) {
    String stdText(String layout) {
      return layout.substring(prefix.length(), layout.length() - suffix.length());
    }
  }

  private static boolean startsWithLower(String s) {
    return !s.isEmpty() && s.charAt(0) >= 'a' && s.charAt(0) <= 'z';
  }

  private static boolean isDigit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  private static Chunk chunk(String l, int i, int std, int len) {
    return new Chunk(l.substring(0, i), std, 0, '.', l.substring(i + len));
  }

  /** Go's nextStdChunk. */
  private static Chunk next(String l) {
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      switch (c) {
        case 'J' -> {
          if (l.startsWith("Jan", i)) {
            if (l.startsWith("January", i)) {
              return chunk(l, i, LONG_MONTH, 7);
            }
            if (!startsWithLower(l.substring(i + 3))) {
              return chunk(l, i, MONTH, 3);
            }
          }
        }
        case 'M' -> {
          if (l.startsWith("Mon", i)) {
            if (l.startsWith("Monday", i)) {
              return chunk(l, i, LONG_WEEKDAY, 6);
            }
            if (!startsWithLower(l.substring(i + 3))) {
              return chunk(l, i, WEEKDAY, 3);
            }
          }
          if (l.startsWith("MST", i)) {
            return chunk(l, i, TZ, 3);
          }
        }
        case '0' -> {
          if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
            return chunk(l, i, STD0X[l.charAt(i + 1) - '1'], 2);
          }
          if (l.startsWith("002", i)) {
            return chunk(l, i, ZERO_YEARDAY, 3);
          }
        }
        case '1' -> {
          if (i + 1 < l.length() && l.charAt(i + 1) == '5') {
            return chunk(l, i, HOUR, 2);
          }
          return chunk(l, i, NUM_MONTH, 1);
        }
        case '2' -> {
          if (l.startsWith("2006", i)) {
            return chunk(l, i, LONG_YEAR, 4);
          }
          return chunk(l, i, DAY, 1);
        }
        case '_' -> {
          if (i + 1 < l.length() && l.charAt(i + 1) == '2') {
            if (l.startsWith("2006", i + 1)) {
              return new Chunk(l.substring(0, i + 1), LONG_YEAR, 0, '.', l.substring(i + 5));
            }
            return chunk(l, i, UNDER_DAY, 2);
          }
          if (l.startsWith("__2", i)) {
            return chunk(l, i, UNDER_YEARDAY, 3);
          }
        }
        case '3' -> {
          return chunk(l, i, HOUR12, 1);
        }
        case '4' -> {
          return chunk(l, i, MINUTE, 1);
        }
        case '5' -> {
          return chunk(l, i, SECOND, 1);
        }
        case 'P' -> {
          if (i + 1 < l.length() && l.charAt(i + 1) == 'M') {
            return chunk(l, i, PM, 2);
          }
        }
        case 'p' -> {
          if (i + 1 < l.length() && l.charAt(i + 1) == 'm') {
            return chunk(l, i, LOWER_PM, 2);
          }
        }
        case '-' -> {
          if (l.startsWith("-070000", i)) {
            return chunk(l, i, NUM_SECONDS_TZ, 7);
          }
          if (l.startsWith("-07:00:00", i)) {
            return chunk(l, i, NUM_COLON_SECONDS_TZ, 9);
          }
          if (l.startsWith("-0700", i)) {
            return chunk(l, i, NUM_TZ, 5);
          }
          if (l.startsWith("-07:00", i)) {
            return chunk(l, i, NUM_COLON_TZ, 6);
          }
          if (l.startsWith("-07", i)) {
            return chunk(l, i, NUM_SHORT_TZ, 3);
          }
        }
        case 'Z' -> {
          if (l.startsWith("Z070000", i)) {
            return chunk(l, i, ISO_SECONDS_TZ, 7);
          }
          if (l.startsWith("Z07:00:00", i)) {
            return chunk(l, i, ISO_COLON_SECONDS_TZ, 9);
          }
          if (l.startsWith("Z0700", i)) {
            return chunk(l, i, ISO_TZ, 5);
          }
          if (l.startsWith("Z07:00", i)) {
            return chunk(l, i, ISO_COLON_TZ, 6);
          }
          if (l.startsWith("Z07", i)) {
            return chunk(l, i, ISO_SHORT_TZ, 3);
          }
        }
        case '.', ',' -> {
          if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
            char ch = l.charAt(i + 1);
            int j = i + 1;
            while (j < l.length() && l.charAt(j) == ch) {
              j++;
            }
            if (!isDigit(l, j)) {
              return new Chunk(
                  l.substring(0, i), ch == '0' ? FRAC0 : FRAC9, j - (i + 1), c, l.substring(j));
            }
          }
        }
        default -> {}
      }
    }
    return new Chunk(l, NONE, 0, '.', "");
  }

  // ---------------------------------------------------------------- formatting

  /** Go's {@code Time.Format(layout)}. */
  public static String format(ZonedDateTime t, String layout) {
    StringBuilder b = new StringBuilder();
    String l = layout;
    while (!l.isEmpty()) {
      Chunk c = next(l);
      b.append(c.prefix);
      if (c.std == NONE) {
        break;
      }
      l = c.suffix;
      appendStd(b, t, c);
    }
    return b.toString();
  }

  private static void pad(StringBuilder b, long v, int width) {
    if (v < 0) {
      b.append('-');
      v = -v;
    }
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    b.append(s);
  }

  private static void appendStd(StringBuilder b, ZonedDateTime t, Chunk c) {
    int year = t.getYear();
    switch (c.std) {
      case YEAR -> pad(b, Math.floorMod(year, 100), 2);
      case LONG_YEAR -> pad(b, year, 4);
      case MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
      case LONG_MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
      case NUM_MONTH -> b.append(t.getMonthValue());
      case ZERO_MONTH -> pad(b, t.getMonthValue(), 2);
      case WEEKDAY -> b.append(weekday(t), 0, 3);
      case LONG_WEEKDAY -> b.append(weekday(t));
      case DAY -> b.append(t.getDayOfMonth());
      case UNDER_DAY -> {
        if (t.getDayOfMonth() < 10) {
          b.append(' ');
        }
        b.append(t.getDayOfMonth());
      }
      case ZERO_DAY -> pad(b, t.getDayOfMonth(), 2);
      case UNDER_YEARDAY -> {
        int yd = t.getDayOfYear();
        if (yd < 100) {
          b.append(' ');
          if (yd < 10) {
            b.append(' ');
          }
        }
        b.append(yd);
      }
      case ZERO_YEARDAY -> pad(b, t.getDayOfYear(), 3);
      case HOUR -> pad(b, t.getHour(), 2);
      case HOUR12 -> b.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
      case ZERO_HOUR12 -> pad(b, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2);
      case MINUTE -> b.append(t.getMinute());
      case ZERO_MINUTE -> pad(b, t.getMinute(), 2);
      case SECOND -> b.append(t.getSecond());
      case ZERO_SECOND -> pad(b, t.getSecond(), 2);
      case PM -> b.append(t.getHour() >= 12 ? "PM" : "AM");
      case LOWER_PM -> b.append(t.getHour() >= 12 ? "pm" : "am");
      case ISO_TZ,
          ISO_COLON_TZ,
          ISO_SECONDS_TZ,
          ISO_SHORT_TZ,
          ISO_COLON_SECONDS_TZ,
          NUM_TZ,
          NUM_COLON_TZ,
          NUM_SECONDS_TZ,
          NUM_SHORT_TZ,
          NUM_COLON_SECONDS_TZ ->
          appendOffset(b, t.getOffset().getTotalSeconds(), c.std);
      case TZ -> {
        String name = zoneAbbreviation(t);
        if (name != null) {
          b.append(name);
        } else {
          int zone = t.getOffset().getTotalSeconds() / 60;
          b.append(zone < 0 ? '-' : '+');
          zone = Math.abs(zone);
          pad(b, zone / 60, 2);
          pad(b, zone % 60, 2);
        }
      }
      case FRAC0, FRAC9 -> appendNano(b, t.getNano(), c);
      default -> throw new IllegalStateException();
    }
  }

  private static String weekday(ZonedDateTime t) {
    return LONG_DAYS[t.getDayOfWeek().getValue() % 7];
  }

  private static void appendOffset(StringBuilder b, int offset, int std) {
    boolean iso =
        std == ISO_TZ
            || std == ISO_COLON_TZ
            || std == ISO_SECONDS_TZ
            || std == ISO_SHORT_TZ
            || std == ISO_COLON_SECONDS_TZ;
    if (iso && offset == 0) {
      b.append('Z');
      return;
    }
    int zone = offset / 60;
    int absoffset = Math.abs(offset);
    b.append(zone < 0 ? '-' : '+');
    zone = Math.abs(zone);
    pad(b, zone / 60, 2);
    if (std == ISO_COLON_TZ
        || std == NUM_COLON_TZ
        || std == ISO_COLON_SECONDS_TZ
        || std == NUM_COLON_SECONDS_TZ) {
      b.append(':');
    }
    if (std != NUM_SHORT_TZ && std != ISO_SHORT_TZ) {
      pad(b, zone % 60, 2);
    }
    if (std == ISO_SECONDS_TZ
        || std == NUM_SECONDS_TZ
        || std == NUM_COLON_SECONDS_TZ
        || std == ISO_COLON_SECONDS_TZ) {
      if (std == NUM_COLON_SECONDS_TZ || std == ISO_COLON_SECONDS_TZ) {
        b.append(':');
      }
      pad(b, absoffset % 60, 2);
    }
  }

  private static void appendNano(StringBuilder b, int nanos, Chunk c) {
    boolean trim = c.std == FRAC9;
    int n = c.fracDigits;
    if (trim && (n == 0 || nanos == 0)) {
      return;
    }
    StringBuilder f = new StringBuilder();
    pad(f, nanos, 9);
    String digits = n < 9 ? f.substring(0, n) : f.toString();
    if (trim) {
      int end = digits.length();
      while (end > 0 && digits.charAt(end - 1) == '0') {
        end--;
      }
      digits = digits.substring(0, end);
      if (digits.isEmpty()) {
        return;
      }
    }
    b.append(c.fracSep).append(digits);
  }

  /** The zone's abbreviation as Go prints it for MST ("UTC", "CET", "EST"), or null. */
  static String zoneAbbreviation(ZonedDateTime t) {
    if (t.getZone() instanceof ZoneOffset o) {
      return o.getTotalSeconds() == 0 ? "UTC" : null;
    }
    if (t.getZone().getId().equals("UTC") || t.getZone().getId().equals("Etc/UTC")) {
      return "UTC";
    }
    String name = DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
    if (name.startsWith("GMT") && name.length() > 3) {
      // Java's fallback ("GMT+08:00"); Go prints the numeric "+08" form tzdata uses.
      int off = t.getOffset().getTotalSeconds();
      StringBuilder b = new StringBuilder(off < 0 ? "-" : "+");
      off = Math.abs(off);
      pad(b, off / 3600, 2);
      if (off % 3600 != 0) {
        pad(b, off % 3600 / 60, 2);
      }
      return b.toString();
    }
    return name;
  }

  static String zoneDisplayName(ZonedDateTime t) {
    return t.getZone().getDisplayName(TextStyle.SHORT, Locale.US);
  }

  // ---------------------------------------------------------------- parsing

  /** A parse failure with Go's message ({@code parsing time "x" as "y": cannot parse ...}). */
  public static final class ParseException extends IllegalArgumentException {
    ParseException(String message) {
      super(message);
    }
  }

  private static ParseException parseError(
      String layout, String value, String layoutElem, String valueElem, String message) {
    if (message.isEmpty()) {
      return new ParseException(
          "parsing time "
              + GoQuote.quote(value, false)
              + " as "
              + GoQuote.quote(layout, false)
              + ": cannot parse "
              + GoQuote.quote(valueElem, false)
              + " as "
              + GoQuote.quote(layoutElem, false));
    }
    return new ParseException("parsing time " + GoQuote.quote(value, false) + message);
  }

  private static final class Bad extends Exception {
    Bad() {
      super(null, null, false, false);
    }
  }

  private static final Bad BAD = new Bad();

  /** Parsing state: the remaining value and the number just read. */
  private static final class Cursor {
    String v;
    int num;
  }

  private static void getnum(Cursor c, boolean fixed) throws Bad {
    String s = c.v;
    if (!isDigit(s, 0)) {
      throw BAD;
    }
    if (!isDigit(s, 1)) {
      if (fixed) {
        throw BAD;
      }
      c.num = s.charAt(0) - '0';
      c.v = s.substring(1);
      return;
    }
    c.num = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
    c.v = s.substring(2);
  }

  private static void getnum3(Cursor c, boolean fixed) throws Bad {
    String s = c.v;
    int n = 0;
    int i = 0;
    for (; i < 3 && isDigit(s, i); i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    if (i == 0 || (fixed && i != 3)) {
      throw BAD;
    }
    c.num = n;
    c.v = s.substring(i);
  }

  private static int lookup(Cursor c, String[] names, int len) throws Bad {
    for (int i = 0; i < names.length; i++) {
      String name = len > 0 ? names[i].substring(0, len) : names[i];
      if (c.v.length() >= name.length() && c.v.regionMatches(true, 0, name, 0, name.length())) {
        c.v = c.v.substring(name.length());
        return i;
      }
    }
    throw BAD;
  }

  private static String cutspace(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return s.substring(i);
  }

  private static String skip(String value, String prefix) throws Bad {
    while (!prefix.isEmpty()) {
      if (prefix.charAt(0) == ' ') {
        if (!value.isEmpty() && value.charAt(0) != ' ') {
          throw BAD;
        }
        prefix = cutspace(prefix);
        value = cutspace(value);
        continue;
      }
      if (value.isEmpty() || value.charAt(0) != prefix.charAt(0)) {
        throw BAD;
      }
      prefix = prefix.substring(1);
      value = value.substring(1);
    }
    return value;
  }

  private static boolean commaOrPeriod(char c) {
    return c == '.' || c == ',';
  }

  /** Parses the fraction {@code .ddd} of length nbytes (separator included) into nanoseconds. */
  private static int parseNanoseconds(String value, int nbytes) throws Bad {
    if (!commaOrPeriod(value.charAt(0))) {
      throw BAD;
    }
    if (nbytes > 10) {
      nbytes = 10;
    }
    String digits = value.substring(1, nbytes);
    int ns = 0;
    for (int i = 0; i < digits.length(); i++) {
      char ch = digits.charAt(i);
      if (ch < '0' || ch > '9') {
        throw BAD;
      }
      ns = ns * 10 + (ch - '0');
    }
    for (int i = 0; i < 10 - nbytes; i++) {
      ns *= 10;
    }
    return ns;
  }

  private static int parseTimeZone(String value) {
    if (value.length() < 3) {
      return 0;
    }
    if (value.startsWith("ChST") || value.startsWith("MeST")) {
      return 4;
    }
    if (value.startsWith("GMT")) {
      return parseGmt(value);
    }
    if (value.charAt(0) == '+' || value.charAt(0) == '-') {
      return parseSignedOffset(value);
    }
    int nUpper = 0;
    while (nUpper < 6 && nUpper < value.length()) {
      char ch = value.charAt(nUpper);
      if (ch < 'A' || ch > 'Z') {
        break;
      }
      nUpper++;
    }
    return switch (nUpper) {
      case 3 -> 3;
      case 4 -> value.charAt(3) == 'T' || value.startsWith("WITA") ? 4 : 0;
      case 5 -> value.charAt(4) == 'T' ? 5 : 0;
      default -> 0;
    };
  }

  private static int parseGmt(String value) {
    String rest = value.substring(3);
    if (rest.isEmpty()) {
      return 3;
    }
    int n = parseSignedOffset(rest);
    return n == 0 ? 3 : 3 + n;
  }

  private static int parseSignedOffset(String value) {
    if (value.isEmpty() || (value.charAt(0) != '+' && value.charAt(0) != '-')) {
      return 0;
    }
    int i = 1;
    long x = 0;
    while (i < value.length() && isDigit(value, i)) {
      x = x * 10 + (value.charAt(i) - '0');
      if (x > 24) {
        return 0;
      }
      i++;
    }
    if (i == 1) {
      return 0;
    }
    return i;
  }

  /**
   * Go's {@code time.Parse(layout, value)}: a time without zone information is UTC.
   *
   * @throws ParseException with Go's message
   */
  public static Instant parse(String layout, String value) {
    String alayout = layout;
    String avalue = value;
    String rangeErr = "";
    boolean amSet = false;
    boolean pmSet = false;
    int year = 0;
    int month = -1;
    int day = -1;
    int yday = -1;
    int hour = 0;
    int min = 0;
    int sec = 0;
    int nsec = 0;
    boolean utc = false;
    int zoneOffset = -1;
    boolean zoneOffsetSet = false;
    String zoneName = "";
    Cursor c = new Cursor();
    while (true) {
      Chunk ch = next(layout);
      String stdstr = ch.stdText(layout);
      try {
        value = skip(value, ch.prefix);
      } catch (Bad e) {
        throw parseError(alayout, avalue, ch.prefix, value, "");
      }
      if (ch.std == NONE) {
        if (!value.isEmpty()) {
          throw parseError(
              alayout, avalue, "", value, ": extra text: " + GoQuote.quote(value, false));
        }
        break;
      }
      layout = ch.suffix;
      String hold = value;
      c.v = value;
      try {
        switch (ch.std) {
          case YEAR -> {
            if (c.v.length() < 2) {
              throw BAD;
            }
            String p = c.v.substring(0, 2);
            c.v = c.v.substring(2);
            year = atoi(p);
            year += year >= 69 ? 1900 : 2000;
          }
          case LONG_YEAR -> {
            if (c.v.length() < 4 || !isDigit(c.v, 0)) {
              throw BAD;
            }
            year = atoi(c.v.substring(0, 4));
            c.v = c.v.substring(4);
          }
          case MONTH -> month = lookup(c, LONG_MONTHS, 3) + 1;
          case LONG_MONTH -> month = lookup(c, LONG_MONTHS, 0) + 1;
          case NUM_MONTH, ZERO_MONTH -> {
            getnum(c, ch.std == ZERO_MONTH);
            month = c.num;
            if (month <= 0 || 12 < month) {
              rangeErr = "month";
            }
          }
          case WEEKDAY -> lookup(c, LONG_DAYS, 3);
          case LONG_WEEKDAY -> lookup(c, LONG_DAYS, 0);
          case DAY, UNDER_DAY, ZERO_DAY -> {
            if (ch.std == UNDER_DAY && !c.v.isEmpty() && c.v.charAt(0) == ' ') {
              c.v = c.v.substring(1);
            }
            getnum(c, ch.std == ZERO_DAY);
            day = c.num;
          }
          case UNDER_YEARDAY, ZERO_YEARDAY -> {
            for (int i = 0; i < 2; i++) {
              if (ch.std == UNDER_YEARDAY && !c.v.isEmpty() && c.v.charAt(0) == ' ') {
                c.v = c.v.substring(1);
              }
            }
            getnum3(c, ch.std == ZERO_YEARDAY);
            yday = c.num;
          }
          case HOUR -> {
            getnum(c, false);
            hour = c.num;
            if (hour < 0 || 24 <= hour) {
              rangeErr = "hour";
            }
          }
          case HOUR12, ZERO_HOUR12 -> {
            getnum(c, ch.std == ZERO_HOUR12);
            hour = c.num;
            if (hour < 0 || 12 < hour) {
              rangeErr = "hour";
            }
          }
          case MINUTE, ZERO_MINUTE -> {
            getnum(c, ch.std == ZERO_MINUTE);
            min = c.num;
            if (min < 0 || 60 <= min) {
              rangeErr = "minute";
            }
          }
          case SECOND, ZERO_SECOND -> {
            getnum(c, ch.std == ZERO_SECOND);
            sec = c.num;
            if (sec < 0 || 60 <= sec) {
              rangeErr = "second";
            } else if (c.v.length() >= 2 && commaOrPeriod(c.v.charAt(0)) && isDigit(c.v, 1)) {
              int nextStd = next(layout).std;
              if (nextStd != FRAC0 && nextStd != FRAC9) {
                int n = 2;
                while (n < c.v.length() && isDigit(c.v, n)) {
                  n++;
                }
                nsec = parseNanoseconds(c.v, n);
                c.v = c.v.substring(n);
              }
            }
          }
          case PM, LOWER_PM -> {
            if (c.v.length() < 2) {
              throw BAD;
            }
            String p = c.v.substring(0, 2);
            c.v = c.v.substring(2);
            String pmText = ch.std == PM ? "PM" : "pm";
            String amText = ch.std == PM ? "AM" : "am";
            if (p.equals(pmText)) {
              pmSet = true;
            } else if (p.equals(amText)) {
              amSet = true;
            } else {
              throw BAD;
            }
          }
          case ISO_TZ,
              ISO_SHORT_TZ,
              ISO_COLON_TZ,
              ISO_SECONDS_TZ,
              ISO_COLON_SECONDS_TZ,
              NUM_TZ,
              NUM_SHORT_TZ,
              NUM_COLON_TZ,
              NUM_SECONDS_TZ,
              NUM_COLON_SECONDS_TZ -> {
            boolean iso = ch.std >= ISO_TZ && ch.std <= ISO_COLON_SECONDS_TZ;
            if (iso && !c.v.isEmpty() && c.v.charAt(0) == 'Z') {
              c.v = c.v.substring(1);
              utc = true;
              break;
            }
            String v = c.v;
            String sign;
            String hh;
            String mm;
            String ss;
            if (ch.std == ISO_COLON_TZ || ch.std == NUM_COLON_TZ) {
              if (v.length() < 6 || v.charAt(3) != ':') {
                throw BAD;
              }
              sign = v.substring(0, 1);
              hh = v.substring(1, 3);
              mm = v.substring(4, 6);
              ss = "00";
              c.v = v.substring(6);
            } else if (ch.std == NUM_SHORT_TZ || ch.std == ISO_SHORT_TZ) {
              if (v.length() < 3) {
                throw BAD;
              }
              sign = v.substring(0, 1);
              hh = v.substring(1, 3);
              mm = "00";
              ss = "00";
              c.v = v.substring(3);
            } else if (ch.std == ISO_COLON_SECONDS_TZ || ch.std == NUM_COLON_SECONDS_TZ) {
              if (v.length() < 9 || v.charAt(3) != ':' || v.charAt(6) != ':') {
                throw BAD;
              }
              sign = v.substring(0, 1);
              hh = v.substring(1, 3);
              mm = v.substring(4, 6);
              ss = v.substring(7, 9);
              c.v = v.substring(9);
            } else if (ch.std == ISO_SECONDS_TZ || ch.std == NUM_SECONDS_TZ) {
              if (v.length() < 7) {
                throw BAD;
              }
              sign = v.substring(0, 1);
              hh = v.substring(1, 3);
              mm = v.substring(3, 5);
              ss = v.substring(5, 7);
              c.v = v.substring(7);
            } else {
              if (v.length() < 5) {
                throw BAD;
              }
              sign = v.substring(0, 1);
              hh = v.substring(1, 3);
              mm = v.substring(3, 5);
              ss = "00";
              c.v = v.substring(5);
            }
            int hr = fixed2(hh);
            int mi = fixed2(mm);
            int se = fixed2(ss);
            if (hr > 24) {
              rangeErr = "time zone offset hour";
            }
            if (mi > 60) {
              rangeErr = "time zone offset minute";
            }
            if (se > 60) {
              rangeErr = "time zone offset second";
            }
            zoneOffset = (hr * 60 + mi) * 60 + se;
            zoneOffsetSet = true;
            switch (sign.charAt(0)) {
              case '+' -> {}
              case '-' -> zoneOffset = -zoneOffset;
              default -> throw BAD;
            }
          }
          case TZ -> {
            if (c.v.startsWith("UTC")) {
              utc = true;
              c.v = c.v.substring(3);
              break;
            }
            int n = parseTimeZone(c.v);
            if (n == 0) {
              throw BAD;
            }
            zoneName = c.v.substring(0, n);
            c.v = c.v.substring(n);
          }
          case FRAC0 -> {
            int ndigit = 1 + ch.fracDigits;
            if (c.v.length() < ndigit) {
              throw BAD;
            }
            nsec = parseNanoseconds(c.v, ndigit);
            c.v = c.v.substring(ndigit);
          }
          case FRAC9 -> {
            if (c.v.length() < 2
                || !commaOrPeriod(c.v.charAt(0))
                || c.v.charAt(1) < '0'
                || c.v.charAt(1) > '9') {
              break; // fractional second omitted
            }
            int i = 0;
            while (i + 1 < c.v.length() && isDigit(c.v, i + 1)) {
              i++;
            }
            nsec = parseNanoseconds(c.v, 1 + i);
            c.v = c.v.substring(1 + i);
          }
          default -> throw new IllegalStateException();
        }
      } catch (Bad e) {
        throw parseError(alayout, avalue, stdstr, hold, "");
      }
      value = c.v;
      if (!rangeErr.isEmpty()) {
        throw parseError(alayout, avalue, stdstr, value, ": " + rangeErr + " out of range");
      }
    }
    if (pmSet && hour < 12) {
      hour += 12;
    } else if (amSet && hour == 12) {
      hour = 0;
    }
    if (yday >= 0) {
      boolean leap = java.time.Year.isLeap(year);
      if (yday < 1 || yday > (leap ? 366 : 365)) {
        throw parseError(alayout, avalue, "", value, ": day-of-year out of range");
      }
      LocalDate d = LocalDate.ofYearDay(year, yday);
      if (month >= 0 && month != d.getMonthValue()) {
        throw parseError(alayout, avalue, "", value, ": day-of-year does not match month");
      }
      if (day >= 0 && day != d.getDayOfMonth()) {
        throw parseError(alayout, avalue, "", value, ": day-of-year does not match day");
      }
      month = d.getMonthValue();
      day = d.getDayOfMonth();
    } else {
      if (month < 0) {
        month = 1;
      }
      if (day < 0) {
        day = 1;
      }
    }
    if (day < 1 || day > daysIn(month, year)) {
      throw parseError(alayout, avalue, "", value, ": day out of range");
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(year, month, day, hour, min, sec, nsec);
    } catch (DateTimeException e) {
      throw parseError(alayout, avalue, "", value, ": " + e.getMessage());
    }
    if (utc) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (zoneOffsetSet) {
      return local.toInstant(ZoneOffset.UTC).minusSeconds(zoneOffset);
    }
    if (!zoneName.isEmpty()) {
      int offset = 0;
      if (zoneName.length() > 3 && zoneName.startsWith("GMT")) {
        offset = Integer.parseInt(zoneName.substring(3).replace("+", "")) * 3600;
      }
      return local.toInstant(ZoneOffset.UTC).minusSeconds(offset);
    }
    return local.toInstant(ZoneOffset.UTC);
  }

  private static int fixed2(String s) throws Bad {
    if (s.length() != 2 || !isDigit(s, 0) || !isDigit(s, 1)) {
      throw BAD;
    }
    return (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
  }

  private static int atoi(String s) throws Bad {
    if (s.isEmpty()) {
      throw BAD;
    }
    int i = 0;
    boolean neg = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      neg = s.charAt(0) == '-';
      i = 1;
      if (s.length() == 1) {
        throw BAD;
      }
    }
    int n = 0;
    for (; i < s.length(); i++) {
      if (!isDigit(s, i)) {
        throw BAD;
      }
      n = n * 10 + (s.charAt(i) - '0');
    }
    return neg ? -n : n;
  }

  private static int daysIn(int month, int year) {
    if (month < 1 || month > 12) {
      return 0;
    }
    return java.time.YearMonth.of(year, month).lengthOfMonth();
  }
}
