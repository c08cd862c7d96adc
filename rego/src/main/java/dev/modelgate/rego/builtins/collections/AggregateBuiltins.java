package dev.modelgate.rego.builtins.collections;

import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.SetValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** count, sum, product, max, min, sort — exact arithmetic, OPA's total order. */
public final class AggregateBuiltins {
  /** Products beyond this many digits are refused: they only serve to exhaust memory. */
  private static final int MAX_DIGITS = 100_000;

  private AggregateBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("count", 1, AggregateBuiltins::count);
    r.function("sum", 1, AggregateBuiltins::sum);
    r.function("product", 1, AggregateBuiltins::product);
    r.function("max", 1, (c, a) -> extreme(a.get(0), true));
    r.function("min", 1, (c, a) -> extreme(a.get(0), false));
    r.function("sort", 1, AggregateBuiltins::sort);
  }

  private static Value count(BuiltinContext c, List<Value> a) throws BuiltinException {
    Value v = a.get(0);
    return switch (v) {
      case StringValue s -> NumberValue.of(s.value().codePointCount(0, s.value().length()));
      case ArrayValue x -> NumberValue.of(x.size());
      case SetValue x -> NumberValue.of(x.size());
      case ObjectValue x -> NumberValue.of(x.size());
      default -> throw Operands.typeError(1, v, "array", "object", "set", "string");
    };
  }

  private static List<Value> collection(Value v) throws BuiltinException {
    if (v instanceof ArrayValue || v instanceof SetValue) {
      return Operands.elements(v);
    }
    throw Operands.typeError(1, v, "set", "array");
  }

  private static List<BigDecimal> numbers(Value v) throws BuiltinException {
    List<BigDecimal> out = new ArrayList<>();
    for (Value x : collection(v)) {
      if (!(x instanceof NumberValue n)) {
        throw Operands.elementError(1, v, x, "number");
      }
      out.add(n.bigDecimal());
    }
    return out;
  }

  private static Value sum(BuiltinContext c, List<Value> a) throws BuiltinException {
    BigDecimal s = BigDecimal.ZERO;
    List<BigDecimal> ns = numbers(a.get(0));
    c.charge(ns.size());
    for (BigDecimal n : ns) {
      s = s.add(n);
    }
    return NumberValue.of(s);
  }

  private static Value product(BuiltinContext c, List<Value> a) throws BuiltinException {
    BigDecimal p = BigDecimal.ONE;
    List<BigDecimal> ns = numbers(a.get(0));
    c.charge(ns.size());
    for (BigDecimal n : ns) {
      if ((long) p.precision() + n.precision() > MAX_DIGITS) {
        throw BuiltinException.error("number too large");
      }
      p = p.multiply(n);
    }
    return NumberValue.of(p);
  }

  private static Value extreme(Value v, boolean max) throws BuiltinException {
    List<Value> xs = collection(v);
    if (xs.isEmpty()) {
      return null;
    }
    Value best = xs.get(0);
    for (Value x : xs) {
      int cmp = x.compareTo(best);
      if (max ? cmp > 0 : cmp < 0) {
        best = x;
      }
    }
    return best;
  }

  private static Value sort(BuiltinContext c, List<Value> a) throws BuiltinException {
    List<Value> xs = new ArrayList<>(collection(a.get(0)));
    c.charge(xs.size());
    Collections.sort(xs);
    return ArrayValue.of(xs);
  }
}
