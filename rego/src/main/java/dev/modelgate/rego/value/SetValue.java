package dev.modelgate.rego.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable Rego set. Iteration follows insertion order; {@link #sorted()} gives OPA's order,
 * which is how sets print as JSON.
 */
public final class SetValue implements Value {
  public static final SetValue EMPTY = new SetValue(new LinkedHashSet<>());

  private final LinkedHashSet<Value> items;
  private List<Value> sorted;
  private int hash;
  private boolean hashed;

  private SetValue(LinkedHashSet<Value> items) {
    this.items = items;
  }

  public static SetValue of(Collection<? extends Value> items) {
    return items.isEmpty() ? EMPTY : new SetValue(new LinkedHashSet<>(items));
  }

  public static SetValue of(Value... items) {
    return of(List.of(items));
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return items.size();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public boolean contains(Value v) {
    return items.contains(v);
  }

  /** Unmodifiable view in insertion order. */
  public Set<Value> items() {
    return Collections.unmodifiableSet(items);
  }

  /** The elements in OPA's order. */
  public List<Value> sorted() {
    List<Value> s = sorted;
    if (s == null) {
      ArrayList<Value> copy = new ArrayList<>(items);
      copy.sort(null);
      s = Collections.unmodifiableList(copy);
      sorted = s;
    }
    return s;
  }

  @Override
  public String typeName() {
    return "set";
  }

  @Override
  public int typeRank() {
    return 8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetValue s
        && (s == this
            || (s.items.size() == items.size()
                && s.hashCode() == hashCode()
                && items.containsAll(s.items)));
  }

  @Override
  public int hashCode() {
    if (!hashed) {
      int h = 0;
      for (Value v : items) {
        h += v.hashCode();
      }
      hash = h ^ 0x5e7;
      hashed = true;
    }
    return hash;
  }

  @Override
  public String toString() {
    return ValueJson.write(this);
  }

  /** Collects elements; duplicates are dropped. A builder must not be used after build(). */
  public static final class Builder {
    private LinkedHashSet<Value> items = new LinkedHashSet<>();

    public Builder add(Value v) {
      items.add(v);
      return this;
    }

    public Builder addAll(Collection<? extends Value> vs) {
      items.addAll(vs);
      return this;
    }

    public boolean contains(Value v) {
      return items.contains(v);
    }

    public int size() {
      return items.size();
    }

    public SetValue build() {
      SetValue s = items.isEmpty() ? EMPTY : new SetValue(items);
      items = new LinkedHashSet<>();
      return s;
    }
  }
}
