package dev.modelgate.rego.value;

/**
 * Values printed in Rego syntax, as OPA's {@code print} shows them ({@code {1, 2}}, {@code set()}).
 */
public final class RegoFormat {
  private RegoFormat() {}

  public static String format(Value v) {
    StringBuilder b = new StringBuilder();
    write(b, v);
    return b.toString();
  }

  private static void write(StringBuilder b, Value v) {
    switch (v) {
      case StringValue s -> ValueJson.quote(b, s.value());
      case ArrayValue a -> {
        b.append('[');
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            b.append(", ");
          }
          write(b, a.get(i));
        }
        b.append(']');
      }
      case SetValue s -> {
        if (s.isEmpty()) {
          b.append("set()");
          return;
        }
        b.append('{');
        boolean first = true;
        for (Value x : s.sorted()) {
          if (!first) {
            b.append(", ");
          }
          first = false;
          write(b, x);
        }
        b.append('}');
      }
      case ObjectValue o -> {
        b.append('{');
        boolean first = true;
        for (Value k : o.sortedKeys()) {
          if (!first) {
            b.append(", ");
          }
          first = false;
          write(b, k);
          b.append(": ");
          write(b, o.get(k));
        }
        b.append('}');
      }
      default -> b.append(v.toJson());
    }
  }
}
