package dev.modelgate.rego.builtins.strings;

import java.math.BigInteger;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} over the four kinds of argument OPA's {@code sprintf} hands to Go: a
 * machine integer ({@link Long}, Go {@code int}), a big integer ({@link BigInteger}, Go {@code
 * *big.Int}), a float ({@link Double}, Go {@code float64}) and a string ({@link String}). OPA turns
 * every other Rego value into its Rego text before formatting, so those arrive as strings.
 *
 * <p>The output follows Go byte for byte, including its in-band error notes ({@code %!d(string=x)},
 * {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}, {@code %!(NOVERB)}).
 */
public final class GoSprintf {

  private static final int MAX_NUM = 1_000_000; // Go's tooLarge bound for widths and precisions

  /** Output beyond this many characters is refused (many wide verbs could exhaust memory). */
  public static final int MAX_OUTPUT = 16 * 1024 * 1024;

  private final String format;
  private final List<?> args;
  private final StringBuilder out = new StringBuilder();
  private final GoNumberFormat.Flags flags = new GoNumberFormat.Flags();
  private boolean reordered;
  private boolean goodArgNum;

  private GoSprintf(String format, List<?> args) {
    this.format = format;
    this.args = args;
  }

  /** Formats like Go's {@code fmt.Sprintf(format, args...)}. */
  public static String sprintf(String format, List<?> args) {
    for (Object a : args) {
      if (!(a instanceof Long
          || a instanceof BigInteger
          || a instanceof Double
          || a instanceof String)) {
        throw new IllegalArgumentException("unsupported sprintf argument type: " + a);
      }
    }
    GoSprintf p = new GoSprintf(format, args);
    p.run();
    return p.out.toString();
  }

  /** Go's type name of an argument, as {@code %T} and the error notes print it. */
  static String typeName(Object arg) {
    if (arg instanceof Long) {
      return "int";
    } else if (arg instanceof BigInteger) {
      return "*big.Int";
    } else if (arg instanceof Double) {
      return "float64";
    }
    return "string";
  }

  private void run() {
    int end = format.length();
    int argNum = 0;
    boolean afterIndex;
    int i = 0;
    while (i < end) {
      goodArgNum = true;
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      if (i > lasti) {
        out.append(format, lasti, i);
      }
      if (i >= end) {
        break;
      }
      if (out.length() > MAX_OUTPUT) {
        throw new IllegalArgumentException("sprintf: result too large");
      }
      i++; // skip '%'
      flags.clear();
      // flags
      flagLoop:
      for (; i < end; i++) {
        switch (format.charAt(i)) {
          case '#' -> flags.sharp = true;
          case '0' -> flags.zero = !flags.minus; // zero padding only to the left
          case '+' -> flags.plus = true;
          case '-' -> {
            flags.minus = true;
            flags.zero = false;
          }
          case ' ' -> flags.space = true;
          default -> {
            break flagLoop;
          }
        }
      }
      // argument index
      int[] r = argNumber(argNum, i);
      argNum = r[0];
      i = r[1];
      afterIndex = r[2] == 1;
      // width
      if (i < end && format.charAt(i) == '*') {
        i++;
        Integer w = intFromArg(argNum);
        if (argNum < args.size()) {
          argNum++;
        }
        if (w == null) {
          flags.widPresent = false;
          flags.wid = 0;
          out.append("%!(BADWIDTH)");
        } else {
          flags.wid = w;
          flags.widPresent = true;
          if (w < 0) {
            flags.wid = -w;
            flags.minus = true;
            flags.zero = false;
          }
        }
        afterIndex = false;
      } else {
        int[] n = parseNum(i, end);
        flags.wid = n[0];
        flags.widPresent = n[1] == 1;
        i = n[2];
        if (afterIndex && flags.widPresent) {
          goodArgNum = false;
        }
      }
      // precision
      if (i + 1 < end && format.charAt(i) == '.') {
        i++;
        if (afterIndex) {
          goodArgNum = false;
        }
        r = argNumber(argNum, i);
        argNum = r[0];
        i = r[1];
        afterIndex = r[2] == 1;
        if (i < end && format.charAt(i) == '*') {
          i++;
          Integer p = intFromArg(argNum);
          if (argNum < args.size()) {
            argNum++;
          }
          flags.prec = p == null ? 0 : p;
          flags.precPresent = p != null;
          if (flags.prec < 0) {
            flags.prec = 0;
            flags.precPresent = false;
          }
          if (!flags.precPresent) {
            out.append("%!(BADPREC)");
          }
          afterIndex = false;
        } else {
          int[] n = parseNum(i, end);
          flags.prec = n[0];
          flags.precPresent = true; // "%.d" means precision 0
          i = n[2];
        }
      }
      if (!afterIndex) {
        r = argNumber(argNum, i);
        argNum = r[0];
        i = r[1];
        afterIndex = r[2] == 1;
      }
      if (i >= end) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        out.append('%');
      } else if (!goodArgNum) {
        out.append("%!").appendCodePoint(verb).append("(BADINDEX)");
      } else if (argNum >= args.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
      } else {
        if (verb == 'v') {
          flags.sharpV = flags.sharp;
          flags.sharp = false;
          flags.plusV = flags.plus;
          flags.plus = false;
        }
        printArg(args.get(argNum), verb);
        argNum++;
      }
    }
    if (!reordered && argNum < args.size()) {
      flags.clear();
      out.append("%!(EXTRA ");
      for (int k = argNum; k < args.size(); k++) {
        if (k > argNum) {
          out.append(", ");
        }
        Object arg = args.get(k);
        out.append(typeName(arg)).append('=');
        printArg(arg, 'v');
      }
      out.append(')');
    }
  }

  /**
   * Go's argNumber: an optional {@code [n]} explicit argument index. Returns {argNum, i, found}.
   */
  private int[] argNumber(int argNum, int i) {
    if (format.length() <= i || format.charAt(i) != '[') {
      return new int[] {argNum, i, 0};
    }
    reordered = true;
    // parseArgNumber
    String rest = format.substring(i);
    int index = 0;
    int wid = 1;
    boolean ok = false;
    if (rest.length() >= 3) {
      for (int k = 1; k < rest.length(); k++) {
        if (rest.charAt(k) == ']') {
          int[] n = parseNumIn(rest, 1, k);
          if (n[1] == 0 || n[2] != k) {
            index = 0;
            wid = k + 1;
            ok = false;
          } else {
            index = n[0] - 1;
            wid = k + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && 0 <= index && index < args.size()) {
      return new int[] {index, i + wid, 1};
    }
    goodArgNum = false;
    return new int[] {argNum, i + wid, ok ? 1 : 0};
  }

  private int[] parseNum(int start, int end) {
    return parseNumIn(format, start, end);
  }

  /** Go's parsenum. Returns {num, isnum, newi}. */
  private static int[] parseNumIn(String s, int start, int end) {
    if (start >= end) {
      return new int[] {0, 0, end};
    }
    int num = 0;
    boolean isnum = false;
    int i = start;
    for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      if (num > MAX_NUM || num < -MAX_NUM) {
        return new int[] {0, 0, end};
      }
      num = num * 10 + (s.charAt(i) - '0');
      isnum = true;
    }
    return new int[] {num, isnum ? 1 : 0, i};
  }

  /** Go's intFromArg: only a Go int (here a Long) serves as a '*' width or precision. */
  private Integer intFromArg(int argNum) {
    if (argNum < args.size() && args.get(argNum) instanceof Long l) {
      if (l > MAX_NUM || l < -MAX_NUM) {
        return null;
      }
      return l.intValue();
    }
    return null;
  }

  private void printArg(Object arg, int verb) {
    if (verb == 'T') {
      GoNumberFormat.padString(out, flags, truncate(typeName(arg)));
      return;
    }
    if (verb == 'p') {
      badVerb(arg, verb);
      return;
    }
    boolean ok =
        switch (arg) {
          case Long l -> GoNumberFormat.formatInt(out, flags, l, verb);
          case BigInteger b -> GoNumberFormat.formatBigInt(out, flags, b, verb);
          case Double d -> GoNumberFormat.formatFloat(out, flags, d, verb);
          case String s -> formatString(s, verb);
          default -> throw new IllegalStateException();
        };
    if (!ok) {
      if (arg instanceof BigInteger b) {
        // *big.Int formats its own bad verbs, without width or flags.
        out.append("%!").appendCodePoint(verb).append("(big.Int=").append(b).append(')');
      } else {
        badVerb(arg, verb);
      }
    }
  }

  private void badVerb(Object arg, int verb) {
    out.append("%!").appendCodePoint(verb).append('(').append(typeName(arg)).append('=');
    printArg(arg, 'v');
    out.append(')');
  }

  private String truncate(String s) {
    if (flags.precPresent && s.codePointCount(0, s.length()) > flags.prec) {
      return s.substring(0, s.offsetByCodePoints(0, flags.prec));
    }
    return s;
  }

  private boolean formatString(String s, int verb) {
    switch (verb) {
      case 'v' -> {
        if (flags.sharpV) {
          quote(s);
        } else {
          GoNumberFormat.padString(out, flags, truncate(s));
        }
      }
      case 's' -> GoNumberFormat.padString(out, flags, truncate(s));
      case 'x' -> hexString(s, "0123456789abcdefx");
      case 'X' -> hexString(s, "0123456789ABCDEFX");
      case 'q' -> quote(s);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void quote(String s) {
    s = truncate(s);
    if (flags.sharp && canBackquote(s)) {
      GoNumberFormat.padString(out, flags, "`" + s + "`");
      return;
    }
    GoNumberFormat.padString(out, flags, GoQuote.quote(s, flags.plus));
  }

  private static boolean canBackquote(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '`' || c == 0xFEFF || (c < ' ' && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Go's fmtSbx over the string's UTF-8 bytes. */
  private void hexString(String s, String digits) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int length = b.length;
    if (flags.precPresent && flags.prec < length) {
      length = flags.prec;
    }
    int width = 2 * length;
    if (width > 0) {
      if (flags.space) {
        if (flags.sharp) {
          width *= 2;
        }
        width += length - 1;
      } else if (flags.sharp) {
        width += 2;
      }
    } else {
      if (flags.widPresent) {
        GoNumberFormat.writePadding(out, flags, flags.wid);
      }
      return;
    }
    if (flags.widPresent && flags.wid > width && !flags.minus) {
      GoNumberFormat.writePadding(out, flags, flags.wid - width);
    }
    if (flags.sharp) {
      out.append('0').append(digits.charAt(16));
    }
    for (int i = 0; i < length; i++) {
      if (flags.space && i > 0) {
        out.append(' ');
        if (flags.sharp) {
          out.append('0').append(digits.charAt(16));
        }
      }
      int c = b[i] & 0xff;
      out.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xf));
    }
    if (flags.widPresent && flags.wid > width && flags.minus) {
      GoNumberFormat.writePadding(out, flags, flags.wid - width);
    }
  }
}
