package dev.modelgate.rego.builtins;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigInteger;
import java.util.List;

/**
 * Typed access to builtin arguments that raises OPA's operand errors ({@code operand 2 must be
 * string but got number}). Positions are 0-based here and reported 1-based, as OPA does.
 */
public final class Args {
  private Args() {}

  public static String string(List<Value> args, int i) throws BuiltinException {
    if (args.get(i) instanceof StringValue s) {
      return s.value();
    }
    throw BuiltinException.operand(i + 1, "string", args.get(i));
  }

  public static NumberValue number(List<Value> args, int i) throws BuiltinException {
    if (args.get(i) instanceof NumberValue n) {
      return n;
    }
    throw BuiltinException.operand(i + 1, "number", args.get(i));
  }

  /** An integer operand; a fraction gives OPA's "must be integer number" error. */
  public static BigInteger integer(List<Value> args, int i) throws BuiltinException {
    NumberValue n = number(args, i);
    BigInteger b = n.bigIntegerOrNull();
    if (b == null) {
      throw BuiltinException.notInteger(i + 1, n);
    }
    return b;
  }

  /** An integer operand that must fit an {@code int}. */
  public static int smallInt(List<Value> args, int i) throws BuiltinException {
    BigInteger b = integer(args, i);
    if (b.bitLength() > 31) {
      throw BuiltinException.error("operand " + (i + 1) + " is too large: " + b);
    }
    return b.intValue();
  }

  public static boolean bool(List<Value> args, int i) throws BuiltinException {
    if (args.get(i) instanceof BooleanValue b) {
      return b.value();
    }
    throw BuiltinException.operand(i + 1, "boolean", args.get(i));
  }

  public static ArrayValue array(List<Value> args, int i) throws BuiltinException {
    if (args.get(i) instanceof ArrayValue a) {
      return a;
    }
    throw BuiltinException.operand(i + 1, "array", args.get(i));
  }

  public static SetValue set(List<Value> args, int i) throws BuiltinException {
    if (args.get(i) instanceof SetValue s) {
      return s;
    }
    throw BuiltinException.operand(i + 1, "set", args.get(i));
  }

  public static ObjectValue object(List<Value> args, int i) throws BuiltinException {
    if (args.get(i) instanceof ObjectValue o) {
      return o;
    }
    throw BuiltinException.operand(i + 1, "object", args.get(i));
  }

  /**
   * Checks the operand is one of the given types (OPA type names) and returns it; the error reads
   * {@code operand 1 must be one of {array, set} but got string}.
   */
  public static Value oneOf(List<Value> args, int i, String... typeNames) throws BuiltinException {
    Value v = args.get(i);
    for (String t : typeNames) {
      if (t.equals(v.typeName())) {
        return v;
      }
    }
    throw BuiltinException.operand(i + 1, "one of {" + String.join(", ", typeNames) + "}", v);
  }
}
