package dev.modelgate.rego.builtins.strings;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.builtins.support.RegoText;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** OPA's string builtins. Indexes and lengths count code points (Go runes), as OPA does. */
public final class StringBuiltins {
  private StringBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("concat", 2, StringBuiltins::concat);
    r.function("contains", 2, (c, a) -> bool(Args.string(a, 0).contains(Args.string(a, 1))));
    r.function("startswith", 2, (c, a) -> bool(Args.string(a, 0).startsWith(Args.string(a, 1))));
    r.function("endswith", 2, (c, a) -> bool(Args.string(a, 0).endsWith(Args.string(a, 1))));
    r.function("lower", 1, (c, a) -> str(Args.string(a, 0).toLowerCase(Locale.ROOT)));
    r.function("upper", 1, (c, a) -> str(Args.string(a, 0).toUpperCase(Locale.ROOT)));
    r.function("format_int", 2, StringBuiltins::formatInt);
    r.function("indexof", 2, StringBuiltins::indexOf);
    r.function("indexof_n", 2, StringBuiltins::indexOfN);
    r.function("replace", 3, StringBuiltins::replace);
    r.function("split", 2, (c, a) -> strings(split(c, Args.string(a, 0), Args.string(a, 1))));
    r.function("strings.split_n", 3, StringBuiltins::splitN);
    r.function("substring", 3, StringBuiltins::substring);
    r.function("trim", 2, (c, a) -> str(trim(Args.string(a, 0), Args.string(a, 1), true, true)));
    r.function(
        "trim_left", 2, (c, a) -> str(trim(Args.string(a, 0), Args.string(a, 1), true, false)));
    r.function(
        "trim_right", 2, (c, a) -> str(trim(Args.string(a, 0), Args.string(a, 1), false, true)));
    r.function("trim_prefix", 2, StringBuiltins::trimPrefix);
    r.function("trim_suffix", 2, StringBuiltins::trimSuffix);
    r.function("trim_space", 1, (c, a) -> str(trimSpace(Args.string(a, 0))));
    r.function("strings.replace_n", 2, StringBuiltins::replaceN);
    r.function("strings.reverse", 1, StringBuiltins::reverse);
    r.function("strings.any_prefix_match", 2, (c, a) -> anyMatch(a, true));
    r.function("strings.any_suffix_match", 2, (c, a) -> anyMatch(a, false));
    r.function("strings.count", 2, StringBuiltins::count);
    r.function(
        "sprintf", 2, dev.modelgate.rego.builtins.support.Guard.guarded(StringBuiltins::sprintf));
    r.function(
        "strings.render_template",
        2,
        dev.modelgate.rego.builtins.support.Guard.guarded(
            (c, a) -> {
              String template = Args.string(a, 0);
              ObjectValue vars = Args.object(a, 1);
              c.charge(1 + template.length() / 16);
              return str(GoTemplate.render(template, vars));
            }));
  }

  private static Value bool(boolean b) {
    return BooleanValue.of(b);
  }

  private static Value str(String s) {
    return StringValue.of(s);
  }

  private static Value strings(List<String> parts) {
    List<Value> vs = new ArrayList<>(parts.size());
    for (String p : parts) {
      vs.add(StringValue.of(p));
    }
    return ArrayValue.of(vs);
  }

  private static int[] codePoints(String s) {
    return s.codePoints().toArray();
  }

  private static String fromCodePoints(int[] cps, int from, int to) {
    return new String(cps, from, to - from);
  }

  private static Value concat(BuiltinContext c, List<Value> a) throws BuiltinException {
    String delim = Args.string(a, 0);
    Value coll = a.get(1);
    if (!(coll instanceof ArrayValue) && !(coll instanceof SetValue)) {
      throw Operands.typeError(2, coll, "set", "array");
    }
    List<String> parts = Operands.strings(2, coll);
    c.charge(parts.size());
    return str(String.join(delim, parts));
  }

  private static Value formatInt(BuiltinContext c, List<Value> a) throws BuiltinException {
    NumberValue n = Args.number(a, 0);
    NumberValue baseValue = Args.number(a, 1);
    int base = baseValue.intValue().orElse(-1);
    if (!baseValue.isInteger() || (base != 2 && base != 8 && base != 10 && base != 16)) {
      throw BuiltinException.typeError("operand 2 must be one of {2, 8, 10, 16}");
    }
    // OPA converts through big.Float and truncates toward zero.
    BigInteger i = n.bigDecimal().setScale(0, RoundingMode.DOWN).toBigInteger();
    return str(i.toString(base));
  }

  private static int indexOfCodePoints(int[] base, int[] search, int from) {
    outer:
    for (int i = from; i + search.length <= base.length; i++) {
      for (int j = 0; j < search.length; j++) {
        if (base[i + j] != search[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Value indexOf(BuiltinContext c, List<Value> a) throws BuiltinException {
    String base = Args.string(a, 0);
    String search = Args.string(a, 1);
    if (search.isEmpty()) {
      throw BuiltinException.error("empty search character");
    }
    int[] b = codePoints(base);
    int[] s = codePoints(search);
    c.charge(1 + (long) b.length * s.length / 64); // naive search: bound the work
    return NumberValue.of(indexOfCodePoints(b, s, 0));
  }

  private static Value indexOfN(BuiltinContext c, List<Value> a) throws BuiltinException {
    String base = Args.string(a, 0);
    String search = Args.string(a, 1);
    if (search.isEmpty()) {
      throw BuiltinException.error("empty search character");
    }
    int[] b = codePoints(base);
    int[] s = codePoints(search);
    c.charge(1 + (long) b.length * s.length / 64); // naive search: bound the work
    List<Value> out = new ArrayList<>();
    for (int i = indexOfCodePoints(b, s, 0); i >= 0; i = indexOfCodePoints(b, s, i + 1)) {
      out.add(NumberValue.of(i));
    }
    return ArrayValue.of(out);
  }

  private static Value replace(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    String old = Args.string(a, 1);
    String neu = Args.string(a, 2);
    return str(replaceAll(c, s, old, neu));
  }

  /** Go's strings.ReplaceAll; an empty {@code old} matches before every rune and at the end. */
  static String replaceAll(BuiltinContext c, String s, String old, String neu)
      throws BuiltinException {
    if (old.isEmpty()) {
      int[] cps = codePoints(s);
      long size = (long) (cps.length + 1) * neu.length() + s.length();
      checkSize(c, size);
      StringBuilder b = new StringBuilder();
      b.append(neu);
      for (int cp : cps) {
        b.appendCodePoint(cp).append(neu);
      }
      return b.toString();
    }
    if (neu.length() > old.length()) {
      int count = countNonOverlapping(s, old);
      checkSize(c, s.length() + (long) count * (neu.length() - old.length()));
    }
    return s.replace(old, neu);
  }

  private static void checkSize(BuiltinContext c, long size) throws BuiltinException {
    if (size > c.limits().maxCollectionSize() * 16L) {
      throw BuiltinException.error("result string too large");
    }
    c.charge(size / 64 + 1);
  }

  private static int countNonOverlapping(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
      n++;
    }
    return n;
  }

  /** Go's strings.Split: an empty separator splits into runes. */
  static List<String> split(BuiltinContext c, String s, String sep) throws BuiltinException {
    List<String> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    } else {
      int from = 0;
      for (int i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, from)) {
        out.add(s.substring(from, i));
        from = i + sep.length();
      }
      out.add(s.substring(from));
    }
    c.charge(out.size());
    return out;
  }

  private static Value splitN(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    String sep = Args.string(a, 1);
    long n = Operands.intOperand(3, a.get(2));
    List<String> parts = split(c, s, sep);
    if (n >= 0) {
      return strings(parts.subList(0, (int) Math.min(n, parts.size())));
    }
    int k = (int) Math.min(-n, parts.size());
    return strings(parts.subList(parts.size() - k, parts.size()));
  }

  private static Value substring(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    BigInteger start = Args.integer(a, 1);
    BigInteger length = Args.integer(a, 2);
    if (start.signum() < 0) {
      throw BuiltinException.error("negative offset");
    }
    int[] cps = codePoints(s);
    if (start.compareTo(BigInteger.valueOf(cps.length)) >= 0) {
      return str("");
    }
    int from = start.intValue();
    if (length.signum() < 0) {
      return str(fromCodePoints(cps, from, cps.length));
    }
    BigInteger upto = start.add(length);
    int to = upto.compareTo(BigInteger.valueOf(cps.length)) > 0 ? cps.length : upto.intValue();
    return str(fromCodePoints(cps, from, to));
  }

  /** Go's strings.Trim/TrimLeft/TrimRight: strip runes contained in the cutset. */
  static String trim(String s, String cutset, boolean left, boolean right) {
    int[] cps = codePoints(s);
    int[] cut = codePoints(cutset);
    int from = 0;
    int to = cps.length;
    if (left) {
      while (from < to && contains(cut, cps[from])) {
        from++;
      }
    }
    if (right) {
      while (to > from && contains(cut, cps[to - 1])) {
        to--;
      }
    }
    return fromCodePoints(cps, from, to);
  }

  private static boolean contains(int[] set, int cp) {
    for (int x : set) {
      if (x == cp) {
        return true;
      }
    }
    return false;
  }

  /** Go's unicode.IsSpace. */
  static boolean isSpace(int cp) {
    return switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> cp > 0xff && Character.isSpaceChar(cp);
    };
  }

  static String trimSpace(String s) {
    int[] cps = codePoints(s);
    int from = 0;
    int to = cps.length;
    while (from < to && isSpace(cps[from])) {
      from++;
    }
    while (to > from && isSpace(cps[to - 1])) {
      to--;
    }
    return fromCodePoints(cps, from, to);
  }

  private static Value trimPrefix(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    String p = Args.string(a, 1);
    return str(s.startsWith(p) ? s.substring(p.length()) : s);
  }

  private static Value trimSuffix(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    String p = Args.string(a, 1);
    return str(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
  }

  /**
   * strings.replace_n: Go's strings.NewReplacer with the pattern keys in sorted order; at each
   * position the first pattern (in that order) that matches wins, without overlapping.
   */
  private static Value replaceN(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue patterns = Args.object(a, 0);
    String s = Args.string(a, 1);
    List<String> olds = new ArrayList<>();
    List<String> news = new ArrayList<>();
    for (Value k : patterns.sortedKeys()) {
      if (!(k instanceof StringValue ks)) {
        throw BuiltinException.typeError("operand 1 non-string key found in pattern object");
      }
      if (!(patterns.get(k) instanceof StringValue vs)) {
        throw BuiltinException.typeError("operand 1 non-string value found in pattern object");
      }
      olds.add(ks.value());
      news.add(vs.value());
    }
    // Each position tries every pattern: charge for the product so huge inputs hit the limit.
    c.charge(1 + (long) s.length() * Math.max(1, olds.size()) / 64);
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i <= s.length()) {
      int matched = -1;
      for (int k = 0; k < olds.size(); k++) {
        if (s.startsWith(olds.get(k), i)) {
          matched = k;
          break;
        }
      }
      if (matched >= 0 && !olds.get(matched).isEmpty()) {
        b.append(news.get(matched));
        i += olds.get(matched).length();
        continue;
      }
      if (matched >= 0) {
        b.append(news.get(matched)); // empty pattern: insert, then copy one rune
      }
      if (i == s.length()) {
        break;
      }
      int cp = s.codePointAt(i);
      b.appendCodePoint(cp);
      i += Character.charCount(cp);
      if (b.length() > c.limits().maxCollectionSize() * 16L) {
        throw BuiltinException.error("result string too large");
      }
    }
    return str(b.toString());
  }

  private static Value reverse(BuiltinContext c, List<Value> a) throws BuiltinException {
    int[] cps = codePoints(Args.string(a, 0));
    for (int i = 0, j = cps.length - 1; i < j; i++, j--) {
      int t = cps[i];
      cps[i] = cps[j];
      cps[j] = t;
    }
    return str(new String(cps, 0, cps.length));
  }

  private static Value anyMatch(List<Value> a, boolean prefix) throws BuiltinException {
    List<String> search = Operands.stringOrStrings(1, a.get(0));
    List<String> bases = Operands.stringOrStrings(2, a.get(1));
    for (String s : search) {
      for (String b : bases) {
        if (prefix ? s.startsWith(b) : s.endsWith(b)) {
          return BooleanValue.TRUE;
        }
      }
    }
    return BooleanValue.FALSE;
  }

  private static Value count(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    String sub = Args.string(a, 1);
    if (sub.isEmpty()) {
      return NumberValue.of(s.codePointCount(0, s.length()) + 1);
    }
    return NumberValue.of(countNonOverlapping(s, sub));
  }

  private static Value sprintf(BuiltinContext c, List<Value> a) throws BuiltinException {
    String format = Args.string(a, 0);
    ArrayValue args = Args.array(a, 1);
    List<Object> goArgs = new ArrayList<>(args.size());
    for (Value v : args.items()) {
      goArgs.add(goArgument(v));
    }
    c.charge(args.size() + format.length() / 16);
    return str(GoSprintf.sprintf(format, goArgs));
  }

  /**
   * What OPA hands to Go's Sprintf: integers as int or *big.Int, other numbers as float64, strings
   * as strings and every other value as its Rego text.
   */
  static Object goArgument(Value v) {
    if (v instanceof NumberValue n) {
      BigDecimal d = n.bigDecimal();
      if (d.scale() <= 0) {
        BigInteger i = d.toBigIntegerExact();
        return i.bitLength() < 64 ? (Object) i.longValue() : i;
      }
      double f = d.doubleValue();
      if (Double.isInfinite(f)) {
        return n.toString();
      }
      return f;
    }
    if (v instanceof StringValue s) {
      return s.value();
    }
    return RegoText.of(v);
  }
}
