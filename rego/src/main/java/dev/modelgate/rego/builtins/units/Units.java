package dev.modelgate.rego.builtins.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * OPA's {@code units.parse} (SI and IEC suffixes, {@code m} for milli) and {@code
 * units.parse_bytes} (case-insensitive, optional trailing {@code b}), computed in exact decimals.
 * Errors are {@link IllegalArgumentException}s whose messages are OPA's, without the builtin name.
 */
public final class Units {

  /** Larger exponents are refused: they would only build enormous numbers. */
  private static final int MAX_EXPONENT = 1000;

  private static final BigDecimal K = BigDecimal.valueOf(1000);
  private static final BigDecimal KI = BigDecimal.valueOf(1024);

  private static final Map<String, BigDecimal> SI_AND_IEC =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", K),
          Map.entry("K", K),
          Map.entry("ki", KI),
          Map.entry("Ki", KI),
          Map.entry("M", K.pow(2)),
          Map.entry("Mi", KI.pow(2)),
          Map.entry("mi", KI.pow(2)),
          Map.entry("g", K.pow(3)),
          Map.entry("G", K.pow(3)),
          Map.entry("gi", KI.pow(3)),
          Map.entry("Gi", KI.pow(3)),
          Map.entry("t", K.pow(4)),
          Map.entry("T", K.pow(4)),
          Map.entry("ti", KI.pow(4)),
          Map.entry("Ti", KI.pow(4)),
          Map.entry("p", K.pow(5)),
          Map.entry("P", K.pow(5)),
          Map.entry("pi", KI.pow(5)),
          Map.entry("Pi", KI.pow(5)),
          Map.entry("e", K.pow(6)),
          Map.entry("E", K.pow(6)),
          Map.entry("ei", KI.pow(6)),
          Map.entry("Ei", KI.pow(6)));

  private static final Map<String, BigDecimal> BYTES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("k", K),
          Map.entry("kb", K),
          Map.entry("ki", KI),
          Map.entry("kib", KI),
          Map.entry("m", K.pow(2)),
          Map.entry("mb", K.pow(2)),
          Map.entry("mi", KI.pow(2)),
          Map.entry("mib", KI.pow(2)),
          Map.entry("g", K.pow(3)),
          Map.entry("gb", K.pow(3)),
          Map.entry("gi", KI.pow(3)),
          Map.entry("gib", KI.pow(3)),
          Map.entry("t", K.pow(4)),
          Map.entry("tb", K.pow(4)),
          Map.entry("ti", KI.pow(4)),
          Map.entry("tib", KI.pow(4)),
          Map.entry("p", K.pow(5)),
          Map.entry("pb", K.pow(5)),
          Map.entry("pi", KI.pow(5)),
          Map.entry("pib", KI.pow(5)),
          Map.entry("e", K.pow(6)),
          Map.entry("eb", K.pow(6)),
          Map.entry("ei", KI.pow(6)),
          Map.entry("eib", KI.pow(6)));

  private Units() {}

  /** {@code units.parse}: an exact decimal. */
  public static BigDecimal parse(String s) {
    s = s.replace("\"", "");
    if (s.contains(" ")) {
      throw new IllegalArgumentException("spaces not allowed in resource strings");
    }
    String[] parts = splitNumberAndUnit(s);
    if (parts[0].isEmpty()) {
      throw new IllegalArgumentException("no amount provided");
    }
    String unit = parts[1];
    // Only the letters after the first are case-folded, so that 'm' (milli) differs from 'M'.
    if (unit.length() > 1) {
      unit = unit.charAt(0) + unit.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
    BigDecimal amount = number(parts[0], "could not parse amount to a number");
    BigDecimal mult = SI_AND_IEC.get(unit);
    if (mult == null) {
      throw new IllegalArgumentException("unit " + unit + " not recognized");
    }
    BigDecimal r = amount.multiply(mult);
    return r.signum() == 0 ? BigDecimal.ZERO : r.stripTrailingZeros();
  }

  /** {@code units.parse_bytes}: an integer, the exact product truncated toward zero. */
  public static BigInteger parseBytes(String s) {
    s = s.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
    if (s.contains(" ")) {
      throw new IllegalArgumentException("spaces not allowed in resource strings");
    }
    String[] parts = splitNumberAndUnit(s);
    if (parts[0].isEmpty()) {
      throw new IllegalArgumentException("no byte amount provided");
    }
    BigDecimal mult = BYTES.get(parts[1]);
    if (mult == null) {
      throw new IllegalArgumentException("byte unit " + parts[1] + " not recognized");
    }
    BigDecimal amount = number(parts[0], "could not parse byte amount to a number");
    return amount.multiply(mult).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
  }

  private static BigDecimal number(String num, String error) {
    int e = Math.max(num.indexOf('e'), num.indexOf('E'));
    if (e >= 0) {
      String exp = num.substring(e + 1);
      try {
        if (Math.abs(Long.parseLong(exp)) > MAX_EXPONENT) {
          throw new IllegalArgumentException("exponent too large");
        }
      } catch (NumberFormatException tooLong) {
        String digits = exp.startsWith("+") || exp.startsWith("-") ? exp.substring(1) : exp;
        if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          throw new IllegalArgumentException("exponent too large");
        }
        throw new IllegalArgumentException(error);
      }
    }
    try {
      return new BigDecimal(num.startsWith("+") ? num.substring(1) : num);
    } catch (NumberFormatException bad) {
      throw new IllegalArgumentException(error);
    }
  }

  /**
   * Splits "12.5e3Ki" into the number ("12.5e3") and the unit ("Ki") as OPA does: digits, '.', '+',
   * '-' belong to the number, and so does an 'e' followed by a digit or a sign; any other 'e' is
   * the exa suffix.
   */
  static String[] splitNumberAndUnit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean numeric = (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-';
      if (c == 'e' || c == 'E') {
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        if (!((next >= '0' && next <= '9') || next == '+' || next == '-')) {
          return new String[] {s.substring(0, i), s.substring(i)};
        }
        if (next == '+' || next == '-') {
          i++;
        }
      } else if (!numeric) {
        return new String[] {s.substring(0, i), s.substring(i)};
      }
    }
    return new String[] {s, ""};
  }
}
