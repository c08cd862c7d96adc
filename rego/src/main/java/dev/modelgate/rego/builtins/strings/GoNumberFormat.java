package dev.modelgate.rego.builtins.strings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's fmt number formatting (fmt/format.go, strconv/ftoa.go, math/big's Int.Format). */
final class GoNumberFormat {

  private GoNumberFormat() {}

  /** The flags, width and precision of one verb, as Go's fmt.fmtFlags. */
  static final class Flags {
    boolean sharp;
    boolean zero;
    boolean plus;
    boolean minus;
    boolean space;
    boolean sharpV;
    boolean plusV;
    boolean widPresent;
    boolean precPresent;
    int wid;
    int prec;

    void clear() {
      sharp = zero = plus = minus = space = sharpV = plusV = widPresent = precPresent = false;
      wid = prec = 0;
    }
  }

  static void writePadding(StringBuilder out, Flags f, int n) {
    char c = f.zero && !f.minus ? '0' : ' ';
    for (int i = 0; i < n; i++) {
      out.append(c);
    }
  }

  /** Go's fmt.pad / padString: width counts runes. */
  static void padString(StringBuilder out, Flags f, String s) {
    if (!f.widPresent || f.wid == 0) {
      out.append(s);
      return;
    }
    int width = f.wid - s.codePointCount(0, s.length());
    if (!f.minus) {
      writePadding(out, f, width);
      out.append(s);
    } else {
      out.append(s);
      writePadding(out, f, width);
    }
  }

  /** Go's pp.fmtInteger for a signed int. Returns false for a bad verb. */
  static boolean formatInt(StringBuilder out, Flags f, long v, int verb) {
    switch (verb) {
      case 'v', 'd' -> integer(out, f, v, 10, verb, false);
      case 'b' -> integer(out, f, v, 2, verb, false);
      case 'o', 'O' -> integer(out, f, v, 8, verb, false);
      case 'x' -> integer(out, f, v, 16, verb, false);
      case 'X' -> integer(out, f, v, 16, verb, true);
      case 'c' -> padString(out, f, runeString(v));
      case 'q' -> padString(out, f, GoQuote.quoteRune(runeOf(v), f.plus));
      case 'U' -> unicode(out, f, v);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static int runeOf(long v) {
    if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
      return 0xFFFD;
    }
    return (int) v;
  }

  private static String runeString(long v) {
    return new String(Character.toChars(runeOf(v)));
  }

  private static void unicode(StringBuilder out, Flags f, long v) {
    String hex = Long.toUnsignedString(v, 16).toUpperCase(java.util.Locale.ROOT);
    int prec = f.precPresent && f.prec > 4 ? f.prec : 4;
    StringBuilder b = new StringBuilder("U+");
    for (int i = hex.length(); i < prec; i++) {
      b.append('0');
    }
    b.append(hex);
    if (f.sharp && v >= 0 && v <= Character.MAX_CODE_POINT && GoQuote.isPrint((int) v)) {
      b.append(" '").appendCodePoint((int) v).append('\'');
    }
    boolean zero = f.zero;
    f.zero = false;
    padString(out, f, b.toString());
    f.zero = zero;
  }

  /** Go's fmt.fmtInteger. */
  private static void integer(
      StringBuilder out, Flags f, long v, int base, int verb, boolean upper) {
    boolean negative = v < 0;
    String digits =
        negative ? BigInteger.valueOf(v).negate().toString(base) : Long.toString(v, base);
    if (upper) {
      digits = digits.toUpperCase(java.util.Locale.ROOT);
    }
    int prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec == 0 && v == 0) {
        boolean zero = f.zero;
        f.zero = false;
        writePadding(out, f, f.wid);
        f.zero = zero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) {
        prec--;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = digits.length(); i < prec; i++) {
      b.append('0');
    }
    b.append(digits);
    String body = b.toString();
    String prefix = "";
    if (f.sharp) {
      switch (base) {
        case 2 -> prefix = "0b";
        case 8 -> prefix = body.charAt(0) != '0' ? "0" : "";
        case 16 -> prefix = upper ? "0X" : "0x";
        default -> {}
      }
    }
    if (verb == 'O') {
      prefix = "0o" + prefix;
    }
    String sign = negative ? "-" : f.plus ? "+" : f.space ? " " : "";
    boolean zero = f.zero;
    f.zero = false;
    padString(out, f, sign + prefix + body);
    f.zero = zero;
  }

  /** math/big's Int.Format. Returns false for a verb big.Int does not know. */
  static boolean formatBigInt(StringBuilder out, Flags f, BigInteger x, int verb) {
    int base;
    switch (verb) {
      case 'b' -> base = 2;
      case 'o', 'O' -> base = 8;
      case 'd', 's', 'v' -> base = 10;
      case 'x', 'X' -> base = 16;
      default -> {
        return false;
      }
    }
    boolean plus = f.plus || f.plusV;
    boolean sharp = f.sharp || f.sharpV;
    String sign = x.signum() < 0 ? "-" : plus ? "+" : f.space ? " " : "";
    String prefix = "";
    if (sharp) {
      switch (verb) {
        case 'b' -> prefix = "0b";
        case 'o' -> prefix = "0";
        case 'x' -> prefix = "0x";
        case 'X' -> prefix = "0X";
        default -> {}
      }
    }
    if (verb == 'O') {
      prefix = "0o";
    }
    String digits = x.abs().toString(base);
    if (verb == 'X') {
      digits = digits.toUpperCase(java.util.Locale.ROOT);
    }
    int left = 0;
    int zeros = 0;
    int right = 0;
    if (f.precPresent) {
      if (digits.length() < f.prec) {
        zeros = f.prec - digits.length();
      } else if (digits.equals("0") && f.prec == 0) {
        return true;
      }
    }
    int length = sign.length() + prefix.length() + zeros + digits.length();
    if (f.widPresent && length < f.wid) {
      int d = f.wid - length;
      if (f.minus) {
        right = d;
      } else if (f.zero && !f.precPresent) {
        zeros = d;
      } else {
        left = d;
      }
    }
    out.append(" ".repeat(left)).append(sign).append(prefix).append("0".repeat(zeros));
    out.append(digits).append(" ".repeat(right));
    return true;
  }

  /** Go's pp.fmtFloat for float64. Returns false for a bad verb. */
  static boolean formatFloat(StringBuilder out, Flags f, double v, int verb) {
    switch (verb) {
      case 'v' -> fmtFloat(out, f, v, 'g', -1);
      case 'b', 'g', 'G', 'x', 'X' -> fmtFloat(out, f, v, verb, -1);
      case 'f', 'e', 'E', 'F' -> fmtFloat(out, f, v, verb, 6);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void fmtFloat(StringBuilder out, Flags f, double v, int verb, int prec) {
    if (f.precPresent) {
      prec = f.prec;
    }
    String num = formatFloat(v, verb, prec);
    if (num.charAt(0) != '-' && num.charAt(0) != '+') {
      num = "+" + num;
    }
    if (f.space && num.charAt(0) == '+' && !f.plus) {
      num = " " + num.substring(1);
    }
    if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
      boolean zero = f.zero;
      f.zero = false;
      if (num.charAt(1) == 'N' && !f.space && !f.plus) {
        num = num.substring(1);
      }
      padString(out, f, num);
      f.zero = zero;
      return;
    }
    if (f.plus || num.charAt(0) != '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > num.length()) {
        out.append(num.charAt(0));
        writePadding(out, f, f.wid - num.length());
        out.append(num, 1, num.length());
        return;
      }
      padString(out, f, num);
      return;
    }
    padString(out, f, num.substring(1));
  }

  /**
   * Go's strconv.FormatFloat(v, fmt, prec, 64) for the decimal formats e, E, f, F, g, G (and x, X,
   * b approximately). A negative precision means the shortest representation that round-trips.
   */
  static String formatFloat(double v, int fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (fmt == 'x' || fmt == 'X' || fmt == 'b') {
      return hexFloat(v, fmt);
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    double a = Math.abs(v);
    boolean shortest = prec < 0;
    Digits d;
    if (shortest) {
      d = Digits.shortest(a);
      switch (fmt) {
        case 'e', 'E' -> prec = Math.max(d.nd() - 1, 0);
        case 'f', 'F' -> prec = Math.max(d.nd() - d.dp, 0);
        default -> prec = d.nd();
      }
    } else {
      switch (fmt) {
        case 'e', 'E' -> d = Digits.significant(a, prec + 1);
        case 'f', 'F' -> d = Digits.fixed(a, prec);
        default -> {
          if (prec == 0) {
            prec = 1;
          }
          d = Digits.significant(a, prec);
        }
      }
    }
    StringBuilder b = new StringBuilder();
    if (neg) {
      b.append('-');
    }
    switch (fmt) {
      case 'e', 'E' -> fmtE(b, d, prec, (char) fmt);
      case 'f', 'F' -> fmtF(b, d, prec);
      default -> {
        int eprec = prec;
        if (eprec > d.nd() && d.nd() >= d.dp) {
          eprec = d.nd();
        }
        if (shortest) {
          eprec = 6;
        }
        int exp = d.dp - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > d.nd()) {
            prec = d.nd();
          }
          fmtE(b, d, prec - 1, fmt == 'g' ? 'e' : 'E');
        } else {
          if (prec > d.dp) {
            prec = d.nd();
          }
          fmtF(b, d, Math.max(prec - d.dp, 0));
        }
      }
    }
    return b.toString();
  }

  /** Decimal digits without trailing zeros and the decimal point position, as Go's decimalSlice. */
  private record Digits(String d, int dp) {
    int nd() {
      return d.length();
    }

    static Digits of(BigDecimal x) {
      if (x.signum() == 0) {
        return new Digits("", 0);
      }
      x = x.stripTrailingZeros();
      String s = x.unscaledValue().toString();
      return new Digits(s, s.length() - x.scale());
    }

    static Digits shortest(double a) {
      return a == 0 ? new Digits("", 0) : of(new BigDecimal(Double.toString(a)));
    }

    static Digits significant(double a, int n) {
      if (a == 0) {
        return new Digits("", 0);
      }
      return of(new BigDecimal(a).round(new MathContext(Math.max(n, 1), RoundingMode.HALF_EVEN)));
    }

    static Digits fixed(double a, int decimals) {
      return of(new BigDecimal(a).setScale(decimals, RoundingMode.HALF_EVEN));
    }
  }

  private static void fmtE(StringBuilder b, Digits d, int prec, char fmt) {
    b.append(d.nd() != 0 ? d.d.charAt(0) : '0');
    if (prec > 0) {
      b.append('.');
      int i = 1;
      int m = Math.min(d.nd(), prec + 1);
      if (i < m) {
        b.append(d.d, i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        b.append('0');
      }
    }
    b.append(fmt);
    int exp = d.nd() == 0 ? 0 : d.dp - 1;
    b.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      b.append('0');
    }
    b.append(exp);
  }

  private static void fmtF(StringBuilder b, Digits d, int prec) {
    if (d.dp > 0) {
      int m = Math.min(d.nd(), d.dp);
      b.append(d.d, 0, m);
      for (; m < d.dp; m++) {
        b.append('0');
      }
    } else {
      b.append('0');
    }
    if (prec > 0) {
      b.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = d.dp + i - 1;
        b.append(0 <= j && j < d.nd() ? d.d.charAt(j) : '0');
      }
    }
  }

  /** Go's %x / %b for floats: hexadecimal mantissa and binary exponent. */
  private static String hexFloat(double v, int fmt) {
    if (fmt == 'b') {
      long bits = Double.doubleToRawLongBits(v);
      long mant = bits & ((1L << 52) - 1);
      int exp = (int) ((bits >>> 52) & 0x7ff);
      if (exp == 0) {
        exp++;
      } else {
        mant |= 1L << 52;
      }
      exp -= 1023 + 52;
      return (v < 0 ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
    }
    String s = Double.toHexString(Math.abs(v)); // 0x1.8p1
    int p = s.indexOf('p');
    String mant = s.substring(0, p);
    if (mant.endsWith(".0")) {
      mant = mant.substring(0, mant.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(p + 1));
    if (v == 0) {
      mant = "0x0";
      exp = 0;
    }
    String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    String r = (v < 0 ? "-" : "") + mant + "p" + e;
    return fmt == 'X' ? r.toUpperCase(java.util.Locale.ROOT) : r;
  }
}
