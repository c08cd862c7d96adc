package dev.modelgate.rego.value;

/** A Rego string. Strings order by Unicode code point, which is Go's (UTF-8 byte) order. */
public final class StringValue implements Value {
  private static final StringValue EMPTY = new StringValue("");
  private final String value;

  private StringValue(String value) {
    this.value = value;
  }

  public static StringValue of(String s) {
    return s.isEmpty() ? EMPTY : new StringValue(s);
  }

  public String value() {
    return value;
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public int typeRank() {
    return 3;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StringValue s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Compares by code point (UTF-16 unit order differs for characters above U+FFFF). */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean xs = Character.isSurrogate(x);
        boolean ys = Character.isSurrogate(y);
        if (xs == ys) {
          return Character.compare(x, y);
        }
        return xs ? 1 : -1; // a surrogate encodes a code point above every BMP character
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  @Override
  public String toString() {
    return ValueJson.write(this);
  }
}
