package dev.modelgate.rego.builtins.strings;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Go's text/template that strings.render_template policies use: text, {@code {{.a.b}}},
 * variables, {@code if/else if/else}, {@code range} (with index/key and value variables), {@code
 * with}, comments and {@code {{- -}}} trimming. Missing keys print {@code <undefined>} as in OPA.
 * Function calls are not supported and are reported as errors.
 */
public final class GoTemplate {
  private static final int MAX_OUTPUT = 16 * 1024 * 1024;
  private static final int MAX_DEPTH = 100;

  private GoTemplate() {}

  private sealed interface Node permits Text, Print, If, Range, With {}

  private record Text(String text) implements Node {}

  private record Print(String expr) implements Node {}

  private record If(List<String> conds, List<List<Node>> branches, List<Node> otherwise)
      implements Node {}

  private record Range(
      String keyVar, String valueVar, String expr, List<Node> body, List<Node> otherwise)
      implements Node {}

  private record With(String expr, List<Node> body, List<Node> otherwise) implements Node {}

  /** Renders a template against the variables (the template's dot). */
  public static String render(String template, Value dot) {
    List<String[]> tokens = lex(template);
    int[] pos = {0};
    List<Node> nodes = parse(tokens, pos, 0);
    if (pos[0] < tokens.size()) {
      throw error("unexpected {{" + tokens.get(pos[0])[1] + "}}");
    }
    StringBuilder out = new StringBuilder();
    Map<String, Value> vars = new HashMap<>();
    vars.put("$", dot);
    exec(nodes, dot, vars, out, 0);
    return out.toString();
  }

  private static IllegalArgumentException error(String m) {
    return new IllegalArgumentException("template: " + m);
  }

  /** Tokens: {"text", s} or {"action", s}, with {{- and -}} trimming applied. */
  private static List<String[]> lex(String t) {
    List<String[]> out = new ArrayList<>();
    int i = 0;
    boolean trimNext = false;
    while (i < t.length()) {
      int open = t.indexOf("{{", i);
      String text = open < 0 ? t.substring(i) : t.substring(i, open);
      if (trimNext) {
        text = text.stripLeading();
      }
      if (open < 0) {
        out.add(new String[] {"text", text});
        break;
      }
      int close = t.indexOf("}}", open + 2);
      if (close < 0) {
        throw error("unclosed action");
      }
      String action = t.substring(open + 2, close);
      if (action.startsWith("- ")) {
        text = text.stripTrailing();
        action = action.substring(2);
      }
      trimNext = false;
      if (action.endsWith(" -")) {
        trimNext = true;
        action = action.substring(0, action.length() - 2);
      }
      out.add(new String[] {"text", text});
      action = action.trim();
      if (!(action.startsWith("/*") && action.endsWith("*/"))) {
        out.add(new String[] {"action", action});
      }
      i = close + 2;
    }
    return out;
  }

  private static String keyword(String action) {
    int sp = action.indexOf(' ');
    return sp < 0 ? action : action.substring(0, sp);
  }

  private static List<Node> parse(List<String[]> tokens, int[] pos, int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting too deep");
    }
    List<Node> nodes = new ArrayList<>();
    while (pos[0] < tokens.size()) {
      String[] tok = tokens.get(pos[0]);
      if (tok[0].equals("text")) {
        if (!tok[1].isEmpty()) {
          nodes.add(new Text(tok[1]));
        }
        pos[0]++;
        continue;
      }
      String a = tok[1];
      String kw = keyword(a);
      switch (kw) {
        case "end", "else" -> {
          return nodes; // the caller consumes it
        }
        case "if" -> {
          pos[0]++;
          List<String> conds = new ArrayList<>();
          List<List<Node>> branches = new ArrayList<>();
          conds.add(a.substring(2).trim());
          branches.add(parse(tokens, pos, depth + 1));
          List<Node> otherwise = List.of();
          while (true) {
            String end = expectElseOrEnd(tokens, pos);
            if (end.equals("end")) {
              break;
            }
            String rest = end.substring(4).trim();
            if (rest.startsWith("if ")) {
              conds.add(rest.substring(3).trim());
              branches.add(parse(tokens, pos, depth + 1));
            } else {
              otherwise = parse(tokens, pos, depth + 1);
              if (!expectElseOrEnd(tokens, pos).equals("end")) {
                throw error("expected end");
              }
              break;
            }
          }
          nodes.add(new If(conds, branches, otherwise));
        }
        case "range", "with" -> {
          pos[0]++;
          String spec = a.substring(kw.length()).trim();
          String keyVar = null;
          String valueVar = null;
          int assign = spec.indexOf(":=");
          if (assign >= 0) {
            String[] names = spec.substring(0, assign).split(",");
            if (names.length == 2) {
              keyVar = names[0].trim();
              valueVar = names[1].trim();
            } else {
              valueVar = names[0].trim();
            }
            spec = spec.substring(assign + 2).trim();
          }
          List<Node> body = parse(tokens, pos, depth + 1);
          List<Node> otherwise = List.of();
          String end = expectElseOrEnd(tokens, pos);
          if (!end.equals("end")) {
            otherwise = parse(tokens, pos, depth + 1);
            if (!expectElseOrEnd(tokens, pos).equals("end")) {
              throw error("expected end");
            }
          }
          nodes.add(
              kw.equals("range")
                  ? new Range(keyVar, valueVar, spec, body, otherwise)
                  : new With(spec, body, otherwise));
        }
        default -> {
          pos[0]++;
          nodes.add(new Print(a));
        }
      }
    }
    return nodes;
  }

  private static String expectElseOrEnd(List<String[]> tokens, int[] pos) {
    if (pos[0] >= tokens.size()) {
      throw error("unexpected EOF");
    }
    String a = tokens.get(pos[0])[1];
    pos[0]++;
    return a;
  }

  private static final Value MISSING = StringValue.of("<undefined>");

  /** Evaluates a field chain or variable: ".", ".a.b", "$x", "$x.a", "$". */
  private static Value eval(String expr, Value dot, Map<String, Value> vars) {
    expr = expr.trim();
    if (expr.startsWith("(") && expr.endsWith(")")) {
      expr = expr.substring(1, expr.length() - 1).trim();
    }
    Value cur;
    String rest;
    if (expr.equals(".")) {
      return dot;
    } else if (expr.startsWith(".")) {
      cur = dot;
      rest = expr;
    } else if (expr.startsWith("$")) {
      int dotAt = expr.indexOf('.');
      String name = dotAt < 0 ? expr : expr.substring(0, dotAt);
      cur = vars.get(name);
      if (cur == null) {
        throw error("undefined variable \"" + name + "\"");
      }
      rest = dotAt < 0 ? "" : expr.substring(dotAt);
    } else if (expr.startsWith("\"") && expr.endsWith("\"") && expr.length() >= 2) {
      return StringValue.of(expr.substring(1, expr.length() - 1));
    } else if (expr.equals("true") || expr.equals("false")) {
      return BooleanValue.of(expr.equals("true"));
    } else {
      try {
        return NumberValue.parse(expr);
      } catch (NumberFormatException e) {
        throw error("function or pipeline not supported: " + expr);
      }
    }
    for (String field : rest.split("\\.")) {
      if (field.isEmpty()) {
        continue;
      }
      if (!(cur instanceof ObjectValue o)) {
        throw error("can't evaluate field " + field);
      }
      Value next = o.get(field);
      if (next == null) {
        return MISSING;
      }
      cur = next;
    }
    return cur;
  }

  private static boolean truthy(Value v) {
    return switch (v) {
      case NullValue n -> false;
      case BooleanValue b -> b.value();
      case NumberValue n -> n.bigDecimal().signum() != 0;
      case StringValue s -> !s.value().isEmpty();
      case ArrayValue a -> !a.isEmpty();
      case ObjectValue o -> !o.isEmpty();
      case SetValue s -> !s.isEmpty();
    };
  }

  /** Go's %v of the JSON value OPA hands to the template. */
  static String print(Value v) {
    return switch (v) {
      case NullValue n -> "<nil>";
      case BooleanValue b -> String.valueOf(b.value());
      case NumberValue n -> n.toString();
      case StringValue s -> s.value();
      case ArrayValue a -> list(a.items());
      case SetValue s -> list(s.sorted());
      case ObjectValue o -> {
        StringBuilder b = new StringBuilder("map[");
        boolean first = true;
        for (Value k : o.sortedKeys()) {
          if (!first) {
            b.append(' ');
          }
          first = false;
          b.append(k instanceof StringValue s ? s.value() : k.toString())
              .append(':')
              .append(print(o.get(k)));
        }
        yield b.append(']').toString();
      }
    };
  }

  private static String list(List<Value> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(print(items.get(i)));
    }
    return b.append(']').toString();
  }

  private static void exec(
      List<Node> nodes, Value dot, Map<String, Value> vars, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting too deep");
    }
    for (Node n : nodes) {
      if (out.length() > MAX_OUTPUT) {
        throw error("output too large");
      }
      switch (n) {
        case Text t -> out.append(t.text());
        case Print p -> {
          String e = p.expr();
          int assign = e.indexOf(":=");
          if (e.startsWith("$") && assign > 0) {
            vars.put(e.substring(0, assign).trim(), eval(e.substring(assign + 2), dot, vars));
          } else {
            out.append(print(eval(e, dot, vars)));
          }
        }
        case If f -> {
          boolean done = false;
          for (int i = 0; i < f.conds().size() && !done; i++) {
            if (truthy(eval(f.conds().get(i), dot, vars))) {
              exec(f.branches().get(i), dot, vars, out, depth + 1);
              done = true;
            }
          }
          if (!done) {
            exec(f.otherwise(), dot, vars, out, depth + 1);
          }
        }
        case With w -> {
          Value v = eval(w.expr(), dot, vars);
          exec(truthy(v) ? w.body() : w.otherwise(), truthy(v) ? v : dot, vars, out, depth + 1);
        }
        case Range r -> {
          Value v = eval(r.expr(), dot, vars);
          List<Value[]> items = new ArrayList<>();
          switch (v) {
            case ArrayValue a -> {
              for (int i = 0; i < a.size(); i++) {
                items.add(new Value[] {NumberValue.of(i), a.get(i)});
              }
            }
            case SetValue s -> {
              List<Value> sorted = s.sorted();
              for (int i = 0; i < sorted.size(); i++) {
                items.add(new Value[] {NumberValue.of(i), sorted.get(i)});
              }
            }
            case ObjectValue o -> {
              for (Value k : o.sortedKeys()) {
                items.add(new Value[] {k, o.get(k)});
              }
            }
            case NumberValue num -> {
              long count = num.longValue().orElse(0);
              for (long i = 0; i < Math.min(count, 1_000_000); i++) {
                items.add(new Value[] {NumberValue.of(i), NumberValue.of(i)});
              }
            }
            default -> {
              if (truthy(v)) {
                throw error("range can't iterate over " + print(v));
              }
            }
          }
          if (items.isEmpty()) {
            exec(r.otherwise(), dot, vars, out, depth + 1);
          }
          for (Value[] kv : items) {
            if (r.keyVar() != null) {
              vars.put(r.keyVar(), kv[0]);
            }
            if (r.valueVar() != null) {
              vars.put(r.valueVar(), kv[1]);
            }
            exec(r.body(), kv[1], vars, out, depth + 1);
          }
        }
      }
    }
  }
}
