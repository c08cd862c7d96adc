package dev.modelgate.rego.builtins.numbers;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.support.Operands;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** abs, round, ceil, floor, numbers.range, numbers.range_step, rand.intn and bits.*. */
public final class NumberBuiltins {
  /** Shifts beyond this many bits are refused (the result would be megabytes of digits). */
  private static final int MAX_SHIFT = 1 << 16;

  private NumberBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("abs", 1, (c, a) -> NumberValue.of(Args.number(a, 0).bigDecimal().abs()));
    // Go's math.Round: half away from zero.
    r.function("round", 1, (c, a) -> rounded(a, RoundingMode.HALF_UP));
    r.function("ceil", 1, (c, a) -> rounded(a, RoundingMode.CEILING));
    r.function("floor", 1, (c, a) -> rounded(a, RoundingMode.FLOOR));
    r.function("numbers.range", 2, (c, a) -> range(c, a, BigInteger.ONE));
    r.function("numbers.range_step", 3, NumberBuiltins::rangeStep);
    r.function("rand.intn", 2, NumberBuiltins::randIntn);
    r.function("bits.and", 2, (c, a) -> big(Args.integer(a, 0).and(Args.integer(a, 1))));
    r.function("bits.or", 2, (c, a) -> big(Args.integer(a, 0).or(Args.integer(a, 1))));
    r.function("bits.xor", 2, (c, a) -> big(Args.integer(a, 0).xor(Args.integer(a, 1))));
    r.function("bits.negate", 1, (c, a) -> big(Args.integer(a, 0).not()));
    r.function("bits.lsh", 2, (c, a) -> big(Args.integer(a, 0).shiftLeft(shift(a))));
    r.function("bits.rsh", 2, (c, a) -> big(Args.integer(a, 0).shiftRight(shift(a))));
  }

  private static Value big(BigInteger i) {
    return NumberValue.of(i);
  }

  private static Value rounded(List<Value> a, RoundingMode mode) throws BuiltinException {
    BigDecimal d = Args.number(a, 0).bigDecimal();
    return NumberValue.of(d.setScale(0, mode));
  }

  private static int shift(List<Value> a) throws BuiltinException {
    BigInteger n = Args.integer(a, 1);
    if (n.signum() < 0) {
      throw BuiltinException.typeError(
          "operand 2 must be unsigned integer number but got negative integer");
    }
    if (n.compareTo(BigInteger.valueOf(MAX_SHIFT)) > 0) {
      throw BuiltinException.error("shift too large");
    }
    return n.intValue();
  }

  private static Value range(BuiltinContext c, List<Value> a, BigInteger step)
      throws BuiltinException {
    BigInteger x = Args.integer(a, 0);
    BigInteger y = Args.integer(a, 1);
    BigInteger count = y.subtract(x).abs().divide(step).add(BigInteger.ONE);
    if (count.compareTo(BigInteger.valueOf(c.limits().maxCollectionSize())) > 0) {
      throw BuiltinException.error("range too large");
    }
    c.charge(count.longValue());
    List<Value> out = new ArrayList<>(count.intValue());
    boolean up = x.compareTo(y) <= 0;
    BigInteger s = up ? step : step.negate();
    for (BigInteger i = x; up ? i.compareTo(y) <= 0 : i.compareTo(y) >= 0; i = i.add(s)) {
      out.add(NumberValue.of(i));
    }
    return ArrayValue.of(out);
  }

  private static Value rangeStep(BuiltinContext c, List<Value> a) throws BuiltinException {
    Args.integer(a, 0);
    Args.integer(a, 1);
    BigInteger step = Args.integer(a, 2);
    if (step.signum() <= 0) {
      throw BuiltinException.error("step must be a positive integer");
    }
    return range(c, a, step);
  }

  private record RandKey(String str, long n) {}

  private static final Object RANDOM_KEY = new Object();

  /** rand.intn: random, but the same (str, n) gives the same number within one evaluation. */
  private static Value randIntn(BuiltinContext c, List<Value> a) throws BuiltinException {
    String s = Args.string(a, 0);
    long n = Operands.intOperand(2, a.get(1));
    if (n == 0) {
      return NumberValue.of(0);
    }
    n = Math.abs(n);
    RandKey key = new RandKey(s, n);
    Object cached = c.cache().get(key);
    if (cached instanceof Value v) {
      return v;
    }
    Random random =
        (Random)
            c.cache()
                .computeIfAbsent(
                    RANDOM_KEY, k -> new Random(ThreadLocalRandom.current().nextLong()));
    Value v = NumberValue.of(random.nextLong(n));
    c.cache().put(key, v);
    return v;
  }
}
