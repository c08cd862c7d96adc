package dev.modelgate.rego.builtins.support;

import dev.modelgate.rego.builtins.strings.GoQuote;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;

/**
 * A value as OPA's {@code Term.String()} prints it (Rego syntax, not JSON): strings Go-quoted,
 * {@code ", "} between elements, {@code ": "} in objects, sets as {@code {1, 2}} or {@code set()}.
 * This is what {@code sprintf} shows for composite arguments.
 */
public final class RegoText {
  private RegoText() {}

  public static String of(Value v) {
    StringBuilder b = new StringBuilder();
    append(b, v);
    return b.toString();
  }

  private static void append(StringBuilder b, Value v) {
    switch (v) {
      case NullValue n -> b.append("null");
      case BooleanValue x -> b.append(x.value());
      case NumberValue n -> b.append(n);
      case StringValue s -> b.append(GoQuote.quote(s.value(), false));
      case ArrayValue a -> {
        b.append('[');
        boolean first = true;
        for (Value x : a.items()) {
          if (!first) {
            b.append(", ");
          }
          first = false;
          append(b, x);
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
          append(b, x);
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
          append(b, k);
          b.append(": ");
          append(b, o.get(k));
        }
        b.append('}');
      }
    }
  }
}
