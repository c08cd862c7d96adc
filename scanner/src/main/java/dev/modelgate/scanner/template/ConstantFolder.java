package dev.modelgate.scanner.template;

import dev.modelgate.scanner.template.JinjaLexer.Kind;
import dev.modelgate.scanner.template.JinjaLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the constant string expressions an attacker uses to build a forbidden name without
 * writing it: {@code '__cla' ~ 'ss__'}, {@code '_' * 2}, {@code ['__','ssalc','__']|join|reverse},
 * {@code '%c%c'|format(95, 95)}, {@code '%c' % 95}, {@code '{0}{0}'.format('_')}, and variables set
 * to such values. Anything it does not understand evaluates to unknown; it never runs user code and
 * bounds the size of every value it builds.
 */
final class ConstantFolder {
  /** Longest string the folder builds; longer results are treated as unknown. */
  static final int MAX_VALUE = 4096;

  private static final int MAX_NESTING = 64;

  private final List<Token> t;
  private final Map<String, Object> constants;
  private final List<String> built;
  private int i;
  private int nesting;

  /**
   * @param tokens the tokens of one block
   * @param constants variables known to hold constant strings (from {@code set}); read only
   * @param built receives every string produced by an operation (not bare literals)
   */
  ConstantFolder(List<Token> tokens, Map<String, Object> constants, List<String> built) {
    this.t = tokens;
    this.constants = constants;
    this.built = built;
  }

  /**
   * Folds the expression starting at token {@code start}; returns its value or null (unknown). On a
   * malformed expression {@link #end()} is where parsing stopped, so callers skip past it and the
   * whole template is folded in linear time.
   */
  Object foldAt(int start) {
    i = start;
    nesting = 0;
    try {
      return concat();
    } catch (RuntimeException e) {
      i = Math.min(Math.max(i, start + 1), t.size());
      return null; // a malformed expression folds to nothing
    }
  }

  /** The index just after the last expression folded. */
  int end() {
    return i;
  }

  private Token peek() {
    return i < t.size() ? t.get(i) : null;
  }

  private boolean peekOp(String op) {
    Token k = peek();
    return k != null && k.is(op);
  }

  private Object concat() {
    Object v = mul();
    while (peekOp("~") || peekOp("+")) {
      i++;
      Object r = mul();
      v = produced(v instanceof String a && r instanceof String b ? bound(a + b) : null);
    }
    return v;
  }

  private Object mul() {
    Object v = postfix();
    while (peekOp("*") || peekOp("%")) {
      boolean times = peek().is("*");
      i++;
      Object r = postfix();
      if (times
          && v instanceof String s
          && r instanceof Long n
          && n >= 0
          && n * s.length() <= MAX_VALUE) {
        v = produced(s.repeat(n.intValue()));
      } else if (!times && v instanceof String fmt) {
        v = produced(percentFormat(fmt, r instanceof List<?> l ? l : List.of(r == null ? "" : r)));
      } else {
        v = null;
      }
    }
    return v;
  }

  private Object postfix() {
    Object v = primary();
    while (true) {
      if (peekOp("|") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.NAME) {
        String filter = t.get(i + 1).text();
        i += 2;
        List<Object> args = peekOp("(") ? args() : List.of();
        v = produced(applyFilter(filter, v, args));
      } else if (peekOp(".") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.NAME) {
        String method = t.get(i + 1).text();
        i += 2;
        List<Object> args = peekOp("(") ? args() : null;
        v = args == null ? null : produced(applyMethod(method, v, args));
      } else if (peekOp("[")) {
        i++;
        skipTo("]");
        v = null;
      } else {
        return v;
      }
    }
  }

  private Object primary() {
    Token k = peek();
    if (k == null) {
      return null;
    }
    if (++nesting > MAX_NESTING) {
      throw new IllegalStateException("too deep");
    }
    try {
      i++;
      switch (k.kind()) {
        case STRING:
          if (k.escaped()) {
            built.add(k.text());
          }
          return k.text();
        case NUMBER:
          try {
            return Long.parseLong(k.text());
          } catch (NumberFormatException e) {
            return null;
          }
        case NAME:
          return constants.get(k.text());
        default:
          break;
      }
      if (k.is("(")) {
        Object v = concat();
        List<Object> tuple = new ArrayList<>();
        tuple.add(v);
        while (peekOp(",")) {
          i++;
          tuple.add(concat());
        }
        expect(")");
        return tuple.size() == 1 ? v : tuple;
      }
      if (k.is("[")) {
        List<Object> list = new ArrayList<>();
        while (!peekOp("]") && peek() != null) {
          list.add(concat());
          if (peekOp(",")) {
            i++;
          } else {
            break;
          }
        }
        expect("]");
        return list;
      }
      if (k.is("-") && peek() != null && peek().kind() == Kind.NUMBER) {
        Object n = primary();
        return n instanceof Long l ? -l : null;
      }
      return null;
    } finally {
      nesting--;
    }
  }

  /** Call arguments; keyword arguments are skipped. */
  private List<Object> args() {
    expect("(");
    List<Object> out = new ArrayList<>();
    while (!peekOp(")") && peek() != null) {
      if (peek().kind() == Kind.NAME && i + 1 < t.size() && t.get(i + 1).is("=")) {
        i += 2;
        concat();
      } else {
        out.add(concat());
      }
      if (peekOp(",")) {
        i++;
      } else {
        break;
      }
    }
    expect(")");
    return out;
  }

  private void expect(String op) {
    if (!peekOp(op)) {
      throw new IllegalStateException("expected " + op);
    }
    i++;
  }

  private void skipTo(String close) {
    int depth = 0;
    while (i < t.size()) {
      Token k = t.get(i++);
      if (k.is("[") || k.is("(")) {
        depth++;
      } else if (k.is("]") || k.is(")")) {
        if (depth-- == 0) {
          return;
        }
      }
    }
  }

  private Object produced(Object v) {
    if (v instanceof String s) {
      built.add(s);
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s) {
          built.add(s);
        }
      }
    }
    return v;
  }

  private static String bound(String s) {
    return s.length() > MAX_VALUE ? null : s;
  }

  private static Object applyFilter(String filter, Object v, List<Object> args) {
    switch (filter) {
      case "reverse":
        if (v instanceof String s) {
          return new StringBuilder(s).reverse().toString();
        }
        if (v instanceof List<?> l) {
          List<Object> r = new ArrayList<>(l);
          java.util.Collections.reverse(r);
          return r;
        }
        return null;
      case "join":
        return join(v, args.isEmpty() ? "" : args.get(0));
      case "lower":
        return v instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : null;
      case "upper":
        return v instanceof String s ? s.toUpperCase(java.util.Locale.ROOT) : null;
      case "string", "trim", "e", "safe":
        return v instanceof String s ? (filter.equals("trim") ? s.strip() : s) : null;
      case "format":
        return v instanceof String s ? percentFormat(s, args) : null;
      case "replace":
        return replace(v, args);
      case "first":
        return v instanceof List<?> l && !l.isEmpty() ? l.get(0) : null;
      case "last":
        return v instanceof List<?> l && !l.isEmpty() ? l.get(l.size() - 1) : null;
      default:
        return null;
    }
  }

  private static Object applyMethod(String method, Object v, List<Object> args) {
    switch (method) {
      case "join":
        return v instanceof String sep && !args.isEmpty() ? join(args.get(0), sep) : null;
      case "format":
        return v instanceof String s ? braceFormat(s, args) : null;
      case "replace":
        return replace(v, args);
      case "lower", "upper", "strip", "title", "capitalize", "swapcase":
        return applyFilter(method.equals("strip") ? "trim" : method, v, List.of());
      default:
        return null;
    }
  }

  private static Object join(Object v, Object sep) {
    if (!(v instanceof List<?> l) || !(sep instanceof String s)) {
      return v instanceof String str ? str : null; // joining a string yields its characters
    }
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < l.size(); k++) {
      if (!(l.get(k) instanceof String part)) {
        return null;
      }
      if (k > 0) {
        b.append(s);
      }
      b.append(part);
      if (b.length() > MAX_VALUE) {
        return null;
      }
    }
    return b.toString();
  }

  private static Object replace(Object v, List<Object> args) {
    if (v instanceof String s
        && args.size() >= 2
        && args.get(0) instanceof String a
        && args.get(1) instanceof String b
        && !a.isEmpty()) {
      return bound(s.replace(a, b));
    }
    return null;
  }

  /** Python {@code %} formatting for %c, %s, %d and %%; anything else is unknown. */
  static String percentFormat(String fmt, List<?> args) {
    StringBuilder b = new StringBuilder();
    int a = 0;
    for (int k = 0; k < fmt.length(); k++) {
      char c = fmt.charAt(k);
      if (c != '%' || k + 1 >= fmt.length()) {
        b.append(c);
        continue;
      }
      char f = fmt.charAt(++k);
      if (f == '%') {
        b.append('%');
        continue;
      }
      if (a >= args.size()) {
        return null;
      }
      Object arg = args.get(a++);
      switch (f) {
        case 'c' -> {
          if (arg instanceof Long n && n >= 0 && n <= Character.MAX_CODE_POINT) {
            b.appendCodePoint(n.intValue());
          } else if (arg instanceof String s && s.length() == 1) {
            b.append(s);
          } else {
            return null;
          }
        }
        case 's', 'd', 'r' -> {
          if (arg == null) {
            return null;
          }
          b.append(arg);
        }
        default -> {
          return null;
        }
      }
      if (b.length() > MAX_VALUE) {
        return null;
      }
    }
    return b.toString();
  }

  /** Python {@code str.format} for {@code {}} and {@code {N}} fields. */
  static String braceFormat(String fmt, List<?> args) {
    StringBuilder b = new StringBuilder();
    int auto = 0;
    for (int k = 0; k < fmt.length(); k++) {
      char c = fmt.charAt(k);
      if (c != '{') {
        b.append(c);
        continue;
      }
      int close = fmt.indexOf('}', k);
      if (close < 0) {
        return null;
      }
      String field = fmt.substring(k + 1, close);
      int idx;
      try {
        idx = field.isEmpty() ? auto++ : Integer.parseInt(field);
      } catch (NumberFormatException e) {
        return null;
      }
      if (idx < 0 || idx >= args.size() || args.get(idx) == null) {
        return null;
      }
      b.append(args.get(idx));
      if (b.length() > MAX_VALUE) {
        return null;
      }
      k = close;
    }
    return b.toString();
  }
}
