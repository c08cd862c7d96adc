package dev.modelgate.rego.value;

import java.util.function.BiConsumer;

/**
 * Values printed in Rego syntax, as OPA's {@code print} shows them ({@code {1, 2}}, {@code set()}).
 */
public final class RegoFormat {
  private RegoFormat() {}

  public static String format(Value v) {
    return format(v, ValueJson::quote);
  }

  /**
   * Rego syntax with strings quoted by {@code quoteString} (JSON quoting for {@code print}, Go's
   * {@code %q} quoting for {@code sprintf}); everything else is the same in both.
   */
  public static String format(Value v, BiConsumer<StringBuilder, String> quoteString) {
    StringBuilder b = new StringBuilder();
    write(b, v, quoteString);
    return b.toString();
  }

  private static void write(StringBuilder b, Value v, BiConsumer<StringBuilder, String> quote) {
    switch (v) {
      case StringValue s -> quote.accept(b, s.value());
      case ArrayValue a -> {
        b.append('[');
        for (int i = 0; i < a.size(); i++) {
          if (i > 0) {
            b.append(", ");
          }
          write(b, a.get(i), quote);
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
          write(b, x, quote);
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
          write(b, k, quote);
          b.append(": ");
          write(b, o.get(k), quote);
        }
        b.append('}');
      }
      default -> b.append(v.toJson());
    }
  }
}
