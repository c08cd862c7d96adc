package dev.modelgate.rego.builtins.time;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** OPA's {@code time.*} builtins over Go layouts and java.time's tz database. */
public final class TimeBuiltins {

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  private static final BigInteger MIN_NS = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_NS = BigInteger.valueOf(Long.MAX_VALUE);

  private static final String TZ_OPERAND = "either number (ns) or [number (ns), string (tz)]";

  private static final Map<String, String> NAMED_LAYOUTS =
      Map.ofEntries(
          Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
          Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
          Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
          Map.entry("RFC822", "02 Jan 06 15:04 MST"),
          Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
          Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
          Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
          Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
          Map.entry("RFC3339", GoTimeLayout.RFC3339),
          Map.entry("RFC3339Nano", GoTimeLayout.RFC3339_NANO),
          Map.entry("Kitchen", "3:04PM"),
          Map.entry("Stamp", "Jan _2 15:04:05"),
          Map.entry("StampMilli", "Jan _2 15:04:05.000"),
          Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
          Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
          Map.entry("DateTime", "2006-01-02 15:04:05"),
          Map.entry("DateOnly", "2006-01-02"),
          Map.entry("TimeOnly", "15:04:05"));

  private static final String[] WEEKDAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };

  private TimeBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("time.now_ns", 0, (c, a) -> NumberValue.of(c.nowNs()));
    r.function(
        "time.parse_ns",
        2,
        guarded(
            (c, a) -> {
              String layout = Args.string(a, 0);
              String value = Args.string(a, 1);
              return nanos(GoTimeLayout.parse(layout, value));
            }));
    r.function(
        "time.parse_rfc3339_ns",
        1,
        guarded((c, a) -> nanos(GoTimeLayout.parse(GoTimeLayout.RFC3339, Args.string(a, 0)))));
    r.function(
        "time.parse_duration_ns",
        1,
        guarded((c, a) -> NumberValue.of(GoDuration.parse(Args.string(a, 0)))));
    r.function("time.format", 1, guarded(TimeBuiltins::format));
    r.function(
        "time.date",
        1,
        (c, a) -> {
          ZonedDateTime t = tzTime(a.get(0), false).time;
          return ints(t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        });
    r.function(
        "time.clock",
        1,
        (c, a) -> {
          ZonedDateTime t = tzTime(a.get(0), false).time;
          return ints(t.getHour(), t.getMinute(), t.getSecond());
        });
    r.function(
        "time.weekday",
        1,
        (c, a) ->
            StringValue.of(WEEKDAYS[tzTime(a.get(0), false).time.getDayOfWeek().getValue() % 7]));
    r.function("time.add_date", 4, TimeBuiltins::addDate);
    r.function("time.diff", 2, TimeBuiltins::diff);
  }

  private static Value ints(long... xs) {
    Value[] vs = new Value[xs.length];
    for (int i = 0; i < xs.length; i++) {
      vs[i] = NumberValue.of(xs[i]);
    }
    return ArrayValue.of(vs);
  }

  /** Epoch nanoseconds of an instant, refused outside Go's int64 UnixNano range. */
  static Value nanos(Instant t) throws BuiltinException {
    BigInteger ns =
        BigInteger.valueOf(t.getEpochSecond())
            .multiply(NANOS_PER_SECOND)
            .add(BigInteger.valueOf(t.getNano()));
    if (ns.compareTo(MIN_NS) < 0 || ns.compareTo(MAX_NS) > 0) {
      throw BuiltinException.error("time outside of valid range");
    }
    return NumberValue.of(ns.longValueExact());
  }

  /** A time in a zone, with the layout given as third array element (time.format only). */
  private record ZonedTime(ZonedDateTime time, String layout) {}

  /** OPA's tzTime: {@code ns} or {@code [ns, tz]} or (format) {@code [ns, tz, layout]}. */
  private static ZonedTime tzTime(Value v, boolean withLayout) throws BuiltinException {
    Value nsValue;
    ZoneId zone = ZoneOffset.UTC;
    String layout = "";
    if (v instanceof ArrayValue arr) {
      if (arr.isEmpty()) {
        throw BuiltinException.operand(1, TZ_OPERAND, v);
      }
      nsValue = arr.get(0);
      if (!(nsValue instanceof NumberValue)) {
        throw BuiltinException.operand(1, "number", nsValue);
      }
      if (arr.size() > 1) {
        if (!(arr.get(1) instanceof StringValue tz)) {
          throw BuiltinException.operand(1, "string", arr.get(1));
        }
        zone = zone(tz.value());
      }
      if (withLayout && arr.size() > 2) {
        if (!(arr.get(2) instanceof StringValue l)) {
          throw BuiltinException.operand(1, "string", arr.get(2));
        }
        layout = NAMED_LAYOUTS.getOrDefault(l.value(), l.value());
      }
    } else if (v instanceof NumberValue) {
      nsValue = v;
    } else {
      throw BuiltinException.operand(1, TZ_OPERAND, v);
    }
    NumberValue n = (NumberValue) nsValue;
    long ns;
    try {
      ns = n.bigDecimal().longValueExact();
    } catch (ArithmeticException e) {
      throw BuiltinException.error("timestamp too big");
    }
    Instant instant =
        Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    return new ZonedTime(ZonedDateTime.ofInstant(instant, zone), layout);
  }

  /** Go's time.LoadLocation over java.time's tz database ("" and "UTC" are UTC). */
  static ZoneId zone(String name) throws BuiltinException {
    switch (name) {
      case "", "UTC" -> {
        return ZoneOffset.UTC;
      }
      case "Local" -> {
        return ZoneId.systemDefault();
      }
      default -> {
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
          throw BuiltinException.error("unknown time zone " + name);
        }
        try {
          return ZoneId.of(name);
        } catch (DateTimeException e) {
          throw BuiltinException.error("unknown time zone " + name);
        }
      }
    }
  }

  private static Value format(BuiltinContext c, List<Value> a) throws BuiltinException {
    ZonedTime t = tzTime(a.get(0), true);
    String layout = t.layout.isEmpty() ? GoTimeLayout.RFC3339_NANO : t.layout;
    return StringValue.of(GoTimeLayout.format(t.time, layout));
  }

  /** Go's Time.AddDate: Date(y+years, m+months, d+days, ...) with Go's normalisation. */
  private static Value addDate(BuiltinContext c, List<Value> a) throws BuiltinException {
    ZonedDateTime t = tzTime(a.get(0), false).time;
    long years = Args.integer(a, 1).longValue();
    long months = Args.integer(a, 2).longValue();
    long days = Args.integer(a, 3).longValue();
    for (int i = 1; i <= 3; i++) {
      if (Args.integer(a, i).bitLength() > 63) {
        throw BuiltinException.error("time outside of valid range");
      }
    }
    // Normalise months into years first, as Go's Date does, then let days overflow the month.
    long totalMonths = (long) t.getMonthValue() - 1 + months;
    long year = t.getYear() + years + Math.floorDiv(totalMonths, 12);
    int month = (int) Math.floorMod(totalMonths, 12) + 1;
    // Years beyond ±300,000 are far outside the int64 nanosecond range anyway.
    if (Math.abs(year) > 300_000 || Math.abs(days) > 300_000L * 366) {
      throw BuiltinException.error("time outside of valid range");
    }
    LocalDate date =
        LocalDate.of((int) year, month, 1).plusDays(t.getDayOfMonth() - 1L).plusDays(days);
    LocalDateTime local = LocalDateTime.of(date, t.toLocalTime());
    ZonedDateTime result = ZonedDateTime.of(local, t.getZone());
    return nanos(result.toInstant());
  }

  /** OPA's time.diff: [years, months, days, hours, minutes, seconds] between two times. */
  private static Value diff(BuiltinContext c, List<Value> a) throws BuiltinException {
    ZonedDateTime t1 = tzTime(a.get(0), false).time;
    ZonedDateTime t2 = tzTime(a.get(1), false).time;
    t2 = t2.withZoneSameInstant(t1.getZone());
    if (t1.isAfter(t2)) {
      ZonedDateTime tmp = t1;
      t1 = t2;
      t2 = tmp;
    }
    int year = t2.getYear() - t1.getYear();
    int month = t2.getMonthValue() - t1.getMonthValue();
    int day = t2.getDayOfMonth() - t1.getDayOfMonth();
    int hour = t2.getHour() - t1.getHour();
    int min = t2.getMinute() - t1.getMinute();
    int sec = t2.getSecond() - t1.getSecond();
    if (sec < 0) {
      sec += 60;
      min--;
    }
    if (min < 0) {
      min += 60;
      hour--;
    }
    if (hour < 0) {
      hour += 24;
      day--;
    }
    if (day < 0) {
      // Days in t1's month: Go's Date(y1, M1, 32) normalises into the next month.
      LocalDate d32 = LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).plusDays(31);
      day += 32 - d32.getDayOfMonth();
      month--;
    }
    if (month < 0) {
      month += 12;
      year--;
    }
    return ints(year, month, day, hour, min, sec);
  }
}
