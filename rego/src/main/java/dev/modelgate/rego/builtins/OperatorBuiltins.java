package dev.modelgate.rego.builtins;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The builtins behind Rego's operators ({@code == != < <= > >= + - * / % & |} and {@code in}),
 * under OPA's names ({@code equal}, {@code plus}, {@code internal.member_2}, ...).
 */
public final class OperatorBuiltins {
  /** Precision of inexact quotients (exact results stay exact). */
  public static final MathContext DIVISION = new MathContext(34, RoundingMode.HALF_EVEN);

  private OperatorBuiltins() {}

  static void register(BuiltinRegistry r) {
    r.function("equal", 2, (c, a) -> BooleanValue.of(a.get(0).equals(a.get(1))));
    r.function("neq", 2, (c, a) -> BooleanValue.of(!a.get(0).equals(a.get(1))));
    r.function("lt", 2, (c, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) < 0));
    r.function("lte", 2, (c, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) <= 0));
    r.function("gt", 2, (c, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) > 0));
    r.function("gte", 2, (c, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) >= 0));
    r.function("plus", 2, OperatorBuiltins::plus);
    r.function("minus", 2, OperatorBuiltins::minus);
    r.function("mul", 2, OperatorBuiltins::mul);
    r.function("div", 2, OperatorBuiltins::div);
    r.function("rem", 2, OperatorBuiltins::rem);
    r.function("and", 2, OperatorBuiltins::and);
    r.function("or", 2, OperatorBuiltins::or);
    r.function("internal.member_2", 2, (c, a) -> BooleanValue.of(member(a.get(0), a.get(1))));
    r.function("internal.template_string", 1, OperatorBuiltins::template);
    r.function(
        "internal.member_3", 3, (c, a) -> BooleanValue.of(memberKey(a.get(0), a.get(1), a.get(2))));
  }

  private static Value plus(BuiltinContext c, List<Value> a) throws BuiltinException {
    return NumberValue.of(Args.number(a, 0).bigDecimal().add(Args.number(a, 1).bigDecimal()));
  }

  private static Value mul(BuiltinContext c, List<Value> a) throws BuiltinException {
    BigDecimal x = Args.number(a, 0).bigDecimal();
    BigDecimal y = Args.number(a, 1).bigDecimal();
    // Bound the size of products so repeated squaring cannot exhaust memory.
    if ((long) x.precision() + y.precision() > 100_000) {
      throw BuiltinException.error("number too large");
    }
    return NumberValue.of(x.multiply(y));
  }

  private static Value minus(BuiltinContext c, List<Value> a) throws BuiltinException {
    Value x = a.get(0);
    Value y = a.get(1);
    if (x instanceof NumberValue n && y instanceof NumberValue m) {
      return NumberValue.of(n.bigDecimal().subtract(m.bigDecimal()));
    }
    if (x instanceof SetValue s && y instanceof SetValue t) {
      SetValue.Builder b = SetValue.builder();
      for (Value v : s.items()) {
        if (!t.contains(v)) {
          b.add(v);
        }
      }
      return b.build();
    }
    if (!(x instanceof NumberValue) && !(x instanceof SetValue)) {
      throw BuiltinException.operand(1, "one of {number, set}", x);
    }
    throw BuiltinException.operand(2, x instanceof NumberValue ? "number" : "set", y);
  }

  private static Value div(BuiltinContext c, List<Value> a) throws BuiltinException {
    BigDecimal x = Args.number(a, 0).bigDecimal();
    BigDecimal y = Args.number(a, 1).bigDecimal();
    if (y.signum() == 0) {
      throw BuiltinException.error("divide by zero");
    }
    return NumberValue.of(divide(x, y));
  }

  /** Exact quotient when it exists, otherwise rounded to {@link #DIVISION}. */
  public static BigDecimal divide(BigDecimal x, BigDecimal y) {
    try {
      return x.divide(y);
    } catch (ArithmeticException inexact) {
      return x.divide(y, DIVISION);
    }
  }

  private static Value rem(BuiltinContext c, List<Value> a) throws BuiltinException {
    NumberValue x = Args.number(a, 0);
    NumberValue y = Args.number(a, 1);
    if (!x.isInteger() || !y.isInteger()) {
      throw BuiltinException.error("modulo on floating-point number");
    }
    if (y.bigDecimal().signum() == 0) {
      throw BuiltinException.error("modulo by zero");
    }
    return NumberValue.of(x.bigIntegerOrNull().remainder(y.bigIntegerOrNull()));
  }

  private static Value and(BuiltinContext c, List<Value> a) throws BuiltinException {
    SetValue s = Args.set(a, 0);
    SetValue t = Args.set(a, 1);
    SetValue.Builder b = SetValue.builder();
    for (Value v : s.items()) {
      if (t.contains(v)) {
        b.add(v);
      }
    }
    return b.build();
  }

  private static Value or(BuiltinContext c, List<Value> a) throws BuiltinException {
    SetValue s = Args.set(a, 0);
    SetValue t = Args.set(a, 1);
    return SetValue.builder().addAll(s.items()).addAll(t.items()).build();
  }

  /** {@code x in coll}: an element of an array or set, or a value of an object. */
  public static boolean member(Value x, Value coll) {
    return switch (coll) {
      case ArrayValue arr -> arr.items().contains(x);
      case SetValue set -> set.contains(x);
      case ObjectValue obj -> obj.entries().containsValue(x);
      default -> false;
    };
  }

  /** {@code k, v in coll}: key (or index) {@code k} holds {@code v}. */
  public static boolean memberKey(Value k, Value v, Value coll) {
    Value got =
        switch (coll) {
          case ArrayValue arr -> arr.get(k);
          case ObjectValue obj -> obj.get(k);
          case SetValue set -> set.contains(k) ? k : null;
          default -> null;
        };
    return got != null && got.equals(v);
  }

  /** Joins template parts: strings as is, each expression (a set of its values) formatted. */
  private static Value template(BuiltinContext c, List<Value> a) throws BuiltinException {
    StringBuilder b = new StringBuilder();
    for (Value part : Args.array(a, 0).items()) {
      if (part instanceof dev.modelgate.rego.value.StringValue s) {
        b.append(s.value());
      } else if (part instanceof SetValue s) {
        if (s.isEmpty()) {
          b.append("<undefined>");
        } else if (s.size() > 1) {
          throw BuiltinException.error("template expression produced multiple outputs");
        } else {
          Value v = s.items().iterator().next();
          b.append(
              v instanceof dev.modelgate.rego.value.StringValue str
                  ? str.value()
                  : dev.modelgate.rego.value.RegoFormat.format(v));
        }
      }
    }
    return dev.modelgate.rego.value.StringValue.of(b.toString());
  }
}
