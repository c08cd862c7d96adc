package dev.modelgate.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Rego array. */
public final class ArrayValue implements Value {
  public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

  private final Value[] items;
  private int hash;
  private boolean hashed;

  private ArrayValue(Value[] items) {
    this.items = items;
  }

  public static ArrayValue of(List<? extends Value> items) {
    return items.isEmpty() ? EMPTY : new ArrayValue(items.toArray(new Value[0]));
  }

  public static ArrayValue of(Value... items) {
    return items.length == 0 ? EMPTY : new ArrayValue(items.clone());
  }

  /** Takes ownership of the array without copying; the caller must not change it afterwards. */
  static ArrayValue wrap(Value[] items) {
    return items.length == 0 ? EMPTY : new ArrayValue(items);
  }

  public int size() {
    return items.length;
  }

  public boolean isEmpty() {
    return items.length == 0;
  }

  public Value get(int i) {
    return items[i];
  }

  /** An unmodifiable list view. */
  public List<Value> items() {
    return new View(items);
  }

  /** The element at a number index, or null if the index is not an integer in range. */
  public Value get(Value index) {
    if (index instanceof NumberValue n) {
      var i = n.intValue();
      if (i.isPresent() && i.getAsInt() >= 0 && i.getAsInt() < items.length) {
        return items[i.getAsInt()];
      }
    }
    return null;
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public int typeRank() {
    return 6;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayValue a
        && (a == this || (a.hashCode() == hashCode() && Arrays.equals(a.items, items)));
  }

  @Override
  public int hashCode() {
    if (!hashed) {
      hash = Arrays.hashCode(items);
      hashed = true;
    }
    return hash;
  }

  @Override
  public String toString() {
    return ValueJson.write(this);
  }

  private static final class View extends AbstractList<Value> implements RandomAccess {
    private final Value[] items;

    View(Value[] items) {
      this.items = items;
    }

    @Override
    public Value get(int index) {
      return items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }
}
