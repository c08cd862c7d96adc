package dev.modelgate.rego.value;

/**
 * An immutable Rego value. Equality and ordering follow OPA: numbers compare by numeric value
 * ({@code 1 == 1.0}), and values of different types order as null &lt; boolean &lt; number &lt;
 * string &lt; array &lt; object &lt; set.
 *
 * <p>Undefined is not a value: APIs return Java {@code null} for "undefined".
 */
public sealed interface Value extends Comparable<Value>
    permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

  /** OPA's type name, as used in error messages and by {@code type_name}. */
  String typeName();

  /** Position of this value's type in OPA's total order across types. */
  int typeRank();

  @Override
  default int compareTo(Value other) {
    return ValueOrder.compare(this, other);
  }

  /** The value as compact JSON, printed the way OPA prints it (sets as sorted arrays). */
  default String toJson() {
    return ValueJson.write(this);
  }

  static Value of(String s) {
    return StringValue.of(s);
  }

  static Value of(long n) {
    return NumberValue.of(n);
  }

  static Value of(boolean b) {
    return BooleanValue.of(b);
  }

  /** The null value. */
  static Value nullValue() {
    return NullValue.INSTANCE;
  }
}
