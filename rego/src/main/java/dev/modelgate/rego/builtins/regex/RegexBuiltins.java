package dev.modelgate.rego.builtins.regex;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import com.google.re2j.Pattern;
import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** regex.* with RE2 semantics (re2j, linear time); compiled patterns cached per evaluation. */
public final class RegexBuiltins {
  private RegexBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("regex.match", 2, guarded(RegexBuiltins::match));
    r.function("re_match", 2, guarded(RegexBuiltins::match));
    r.function("regex.is_valid", 1, RegexBuiltins::isValid);
    r.function("regex.find_n", 3, guarded(RegexBuiltins::findN));
    r.function("regex.find_all_string_submatch_n", 3, guarded(RegexBuiltins::submatches));
    r.function("regex.split", 2, guarded(RegexBuiltins::split));
    r.function("regex.replace", 3, guarded(RegexBuiltins::replace));
    r.function("regex.template_match", 4, guarded(RegexBuiltins::templateMatch));
    r.function("regex.globs_match", 2, guarded(RegexBuiltins::globsMatch));
  }

  private record Key(String kind, String pattern) {}

  static Pattern pattern(BuiltinContext c, String p) {
    Key key = new Key("re", p);
    Object cached = c.cache().get(key);
    if (cached instanceof Pattern compiled) {
      return compiled;
    }
    Pattern compiled = GoRegex.compile(p);
    c.cache().put(key, compiled);
    return compiled;
  }

  private static void chargeFor(BuiltinContext c, String s) throws BuiltinException {
    c.charge(1 + s.length() / 32);
  }

  private static Value match(BuiltinContext c, List<Value> a) throws BuiltinException {
    Pattern p = pattern(c, Args.string(a, 0));
    String s = Args.string(a, 1);
    chargeFor(c, s);
    return BooleanValue.of(p.matcher(s).find());
  }

  private static Value isValid(BuiltinContext c, List<Value> a) {
    if (!(a.get(0) instanceof StringValue s)) {
      return BooleanValue.FALSE;
    }
    try {
      pattern(c, s.value());
      return BooleanValue.TRUE;
    } catch (IllegalArgumentException e) {
      return BooleanValue.FALSE;
    }
  }

  private static int count(List<Value> a, int i) throws BuiltinException {
    return Operands.clampToInt(Operands.intOperand(i + 1, a.get(i)));
  }

  private static Value findN(BuiltinContext c, List<Value> a) throws BuiltinException {
    Pattern p = pattern(c, Args.string(a, 0));
    String s = Args.string(a, 1);
    int n = count(a, 2);
    chargeFor(c, s);
    List<Value> out = new ArrayList<>();
    for (int[] m : GoRegex.findAll(p, s, n)) {
      out.add(StringValue.of(s.substring(m[0], m[1])));
    }
    return ArrayValue.of(out);
  }

  private static Value submatches(BuiltinContext c, List<Value> a) throws BuiltinException {
    Pattern p = pattern(c, Args.string(a, 0));
    String s = Args.string(a, 1);
    int n = count(a, 2);
    chargeFor(c, s);
    List<Value> out = new ArrayList<>();
    for (int[] m : GoRegex.findAll(p, s, n)) {
      List<Value> groups = new ArrayList<>();
      for (int g = 0; g < m.length; g += 2) {
        groups.add(StringValue.of(m[g] < 0 ? "" : s.substring(m[g], m[g + 1])));
      }
      out.add(ArrayValue.of(groups));
    }
    c.charge(out.size());
    return ArrayValue.of(out);
  }

  private static Value split(BuiltinContext c, List<Value> a) throws BuiltinException {
    Pattern p = pattern(c, Args.string(a, 0));
    String s = Args.string(a, 1);
    chargeFor(c, s);
    List<Value> out = new ArrayList<>();
    for (String part : GoRegex.split(p, s)) {
      out.add(StringValue.of(part));
    }
    return ArrayValue.of(out);
  }

  private static Value replace(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    Pattern p = pattern(c, Args.string(a, 1));
    String repl = Args.string(a, 2);
    chargeFor(c, s);
    long max = c.limits().maxCollectionSize() * 16L;
    return StringValue.of(GoRegex.replaceAll(p, s, repl, max));
  }

  private static Value templateMatch(BuiltinContext c, List<Value> a) throws BuiltinException {
    String tpl = Args.string(a, 0);
    String s = Args.string(a, 1);
    String start = Args.string(a, 2);
    String end = Args.string(a, 3);
    if (start.length() != 1) {
      throw BuiltinException.error(
          "start delimiter has to be exactly one character long but is "
              + start.length()
              + " long");
    }
    if (end.length() != 1) {
      throw BuiltinException.error(
          "end delimiter has to be exactly one character long but is " + end.length() + " long");
    }
    Key key = new Key("tpl" + start + end, tpl);
    Pattern p = (Pattern) c.cache().get(key);
    if (p == null) {
      p = GoRegex.template(tpl, start.charAt(0), end.charAt(0));
      c.cache().put(key, p);
    }
    chargeFor(c, s);
    return BooleanValue.of(p.matcher(s).find());
  }

  private static Value globsMatch(BuiltinContext c, List<Value> a) throws BuiltinException {
    String x = Args.string(a, 0);
    String y = Args.string(a, 1);
    c.charge(1 + (long) x.length() * y.length() / 16);
    return BooleanValue.of(GlobIntersection.intersects(x, y));
  }
}
