package dev.modelgate.rego.builtins.support;

import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** OPA operand checks beyond {@code Args}: collections of strings, element errors. */
public final class Operands {
  private Operands() {}

  /**
   * OPA's NewOperandElementErr: {@code operand 2 must be array of strings but got array containing
   * number}.
   */
  public static BuiltinException elementError(
      int position, Value composite, Value element, String expected) {
    String t = composite.typeName();
    return BuiltinException.typeError(
        "operand "
            + position
            + " must be "
            + t
            + " of "
            + expected
            + "s but got "
            + t
            + " containing "
            + element.typeName());
  }

  /** OPA's NewOperandTypeErr with several accepted types. */
  public static BuiltinException typeError(int position, Value got, String... expected) {
    if (expected.length == 1) {
      return BuiltinException.operand(position, expected[0], got);
    }
    return BuiltinException.operand(position, "one of {" + String.join(", ", expected) + "}", got);
  }

  /** The elements of an array or set (sets in sorted order). */
  public static List<Value> elements(Value v) {
    if (v instanceof ArrayValue a) {
      return a.items();
    }
    if (v instanceof SetValue s) {
      return s.sorted();
    }
    throw new IllegalArgumentException("not a collection: " + v.typeName());
  }

  /** Strings of an array or set operand (sets sorted), with OPA's element error. */
  public static List<String> strings(int position, Value v) throws BuiltinException {
    List<String> out = new ArrayList<>();
    for (Value e : elements(v)) {
      if (!(e instanceof StringValue s)) {
        throw elementError(position, v, e, "string");
      }
      out.add(s.value());
    }
    return out;
  }

  /** A string, or an array/set of strings: OPA's "one of {string, set, array}" operands. */
  public static List<String> stringOrStrings(int position, Value v) throws BuiltinException {
    if (v instanceof StringValue s) {
      return List.of(s.value());
    }
    if (v instanceof ArrayValue || v instanceof SetValue) {
      return strings(position, v);
    }
    throw typeError(position, v, "string", "set", "array");
  }

  /**
   * OPA's IntOperand: an integer that fits a Go int (int64). Fractions and larger integers both
   * give OPA's "must be integer number but got floating-point number".
   */
  public static long intOperand(int position, Value v) throws BuiltinException {
    if (!(v instanceof NumberValue n)) {
      throw BuiltinException.operand(position, "number", v);
    }
    var l = n.longValue();
    if (l.isEmpty()) {
      throw BuiltinException.notInteger(position, n);
    }
    return l.getAsLong();
  }

  /** Clamps a long into the int range (for indexes compared with collection sizes). */
  public static int clampToInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }
}
