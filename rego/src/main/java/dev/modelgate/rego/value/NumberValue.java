package dev.modelgate.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Rego number with OPA's {@code json.Number} semantics: arbitrary-precision integers and exact
 * decimals. Equality and ordering are numeric ({@code 1 == 1.0}, {@code 1e2 == 100}); the hash code
 * agrees with that equality.
 */
public final class NumberValue implements Value {
  private static final NumberValue[] SMALL = new NumberValue[256 + 128];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new NumberValue(BigDecimal.valueOf(i - 128));
    }
  }

  private final BigDecimal value;
  private int hash;
  private boolean hashed;

  private NumberValue(BigDecimal value) {
    this.value = value;
  }

  public static NumberValue of(long n) {
    if (n >= -128 && n < 256) {
      return SMALL[(int) n + 128];
    }
    return new NumberValue(BigDecimal.valueOf(n));
  }

  public static NumberValue of(BigInteger n) {
    return new NumberValue(new BigDecimal(n));
  }

  public static NumberValue of(BigDecimal n) {
    return new NumberValue(n);
  }

  /**
   * A double as a number (for builtins that compute in floating point). NaN and infinities have no
   * Rego representation, so they are rejected.
   */
  public static NumberValue of(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new ArithmeticException("number is not finite: " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
      return of((long) d);
    }
    return new NumberValue(new BigDecimal(Double.toString(d)));
  }

  /**
   * Parses a JSON/Rego number literal ({@code 12}, {@code -1.5}, {@code 1e400}).
   *
   * @throws NumberFormatException if the text is not a number
   */
  public static NumberValue parse(String text) {
    BigDecimal d = new BigDecimal(text);
    // Bound the exponent: a literal like 1e999999999 must not make later arithmetic explode.
    if (Math.abs((long) d.scale()) > 100_000 && d.signum() != 0) {
      throw new NumberFormatException("number exponent out of range: " + text);
    }
    return new NumberValue(d);
  }

  public BigDecimal bigDecimal() {
    return value;
  }

  /** True when the number has no fractional part. */
  public boolean isInteger() {
    return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** The integer value, if the number is an integer (an exact one); otherwise null. */
  public BigInteger bigIntegerOrNull() {
    if (!isInteger()) {
      return null;
    }
    return value.toBigIntegerExact();
  }

  /** The value as an {@code int}, if it is an integer that fits. */
  public OptionalInt intValue() {
    if (!isInteger()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(value.intValueExact());
    } catch (ArithmeticException e) {
      return OptionalInt.empty();
    }
  }

  /** The value as a {@code long}, if it is an integer that fits. */
  public OptionalLong longValue() {
    if (!isInteger()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(value.longValueExact());
    } catch (ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /** The nearest double (may lose precision). */
  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public String typeName() {
    return "number";
  }

  @Override
  public int typeRank() {
    return 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberValue n && (n == this || n.value.compareTo(value) == 0);
  }

  @Override
  public int hashCode() {
    if (!hashed) {
      // Mixed so that nearby integers spread over the table (BigDecimal's own hash clusters).
      var l = longValue();
      long bits =
          l.isPresent()
              ? l.getAsLong()
              : Double.doubleToLongBits(value.doubleValue()) ^ 0x5bd1e995L;
      bits *= 0x9E3779B97F4A7C15L;
      hash = (int) (bits ^ (bits >>> 32));
      hashed = true;
    }
    return hash;
  }

  /**
   * The number as OPA prints it: integers without a fraction or exponent, decimals in plain
   * notation, and very large or small magnitudes with a Go-style exponent ({@code 1e+400}).
   */
  @Override
  public String toString() {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal s = value.stripTrailingZeros();
    int exponent = s.precision() - s.scale() - 1;
    boolean plainInteger = s.scale() <= 0 && exponent < 400;
    if (!plainInteger && (exponent < -6 || exponent >= 21)) {
      String digits = s.unscaledValue().abs().toString();
      StringBuilder b = new StringBuilder();
      if (s.signum() < 0) {
        b.append('-');
      }
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      b.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        b.append('0');
      }
      b.append(abs);
      return b.toString();
    }
    return s.toPlainString();
  }
}
