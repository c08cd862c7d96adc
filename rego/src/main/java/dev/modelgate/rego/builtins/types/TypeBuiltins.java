package dev.modelgate.rego.builtins.types;

import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;

/** is_* (true or false), type_name, and the to_number cast. */
public final class TypeBuiltins {
  private static final com.google.re2j.Pattern NUMBER =
      com.google.re2j.Pattern.compile(
          "-?([0-9]+(_[0-9]+)*(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private TypeBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("is_number", 1, (c, a) -> is(a.get(0) instanceof NumberValue));
    r.function("is_string", 1, (c, a) -> is(a.get(0) instanceof StringValue));
    r.function("is_boolean", 1, (c, a) -> is(a.get(0) instanceof BooleanValue));
    r.function("is_array", 1, (c, a) -> is(a.get(0) instanceof ArrayValue));
    r.function("is_set", 1, (c, a) -> is(a.get(0) instanceof SetValue));
    r.function("is_object", 1, (c, a) -> is(a.get(0) instanceof ObjectValue));
    r.function("is_null", 1, (c, a) -> is(a.get(0) instanceof NullValue));
    r.function("type_name", 1, (c, a) -> StringValue.of(a.get(0).typeName()));
    r.function("to_number", 1, (c, a) -> toNumber(a.get(0)));
  }

  private static Value is(boolean b) {
    return BooleanValue.of(b);
  }

  private static Value toNumber(Value v) throws BuiltinException {
    return switch (v) {
      case NullValue n -> NumberValue.of(0);
      case BooleanValue b -> NumberValue.of(b.value() ? 1 : 0);
      case NumberValue n -> n;
      case StringValue s -> parse(s.value());
      default -> throw Operands.typeError(1, v, "null", "boolean", "number", "string");
    };
  }

  /** Numbers as Go's strconv.ParseFloat accepts them, kept exact; Inf/NaN/hex are refused. */
  private static Value parse(String s) throws BuiltinException {
    String t = s.startsWith("+") ? s.substring(1) : s;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (java.util.Set.of("nan", "-nan", "inf", "-inf", "infinity", "-infinity").contains(lower)) {
      // Go would parse these as IEEE specials; Rego numbers have no such values.
      throw BuiltinException.typeError("operand 1 must be a finite number but got " + s);
    }
    boolean ok = NUMBER.matcher(t).matches();
    if (!ok) {
      throw BuiltinException.error(
          "strconv.ParseFloat: parsing "
              + dev.modelgate.rego.builtins.strings.GoQuote.quote(s, false)
              + ": invalid syntax");
    }
    try {
      return NumberValue.parse(t.replace("_", ""));
    } catch (NumberFormatException e) {
      throw BuiltinException.error(
          "strconv.ParseFloat: parsing "
              + dev.modelgate.rego.builtins.strings.GoQuote.quote(s, false)
              + ": value out of range");
    }
  }
}
