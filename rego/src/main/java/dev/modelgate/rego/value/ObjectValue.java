package dev.modelgate.rego.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable Rego object. Keys may be any value (OPA allows non-string keys). Iteration follows
 * insertion order; {@link #sortedKeys()} gives OPA's order, which is how objects print as JSON.
 */
public final class ObjectValue implements Value {
  public static final ObjectValue EMPTY = new ObjectValue(new LinkedHashMap<>());

  private final LinkedHashMap<Value, Value> map;
  private List<Value> sortedKeys;
  private int hash;
  private boolean hashed;

  private ObjectValue(LinkedHashMap<Value, Value> map) {
    this.map = map;
  }

  public static ObjectValue of(Map<? extends Value, ? extends Value> entries) {
    return entries.isEmpty() ? EMPTY : new ObjectValue(new LinkedHashMap<>(entries));
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return map.size();
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  /** The value under a key, or null when the key is absent. */
  public Value get(Value key) {
    return map.get(key);
  }

  /** The value under a string key, or null when the key is absent. */
  public Value get(String key) {
    return map.get(StringValue.of(key));
  }

  public boolean containsKey(Value key) {
    return map.containsKey(key);
  }

  public Set<Value> keys() {
    return Collections.unmodifiableSet(map.keySet());
  }

  /** Unmodifiable view in insertion order. */
  public Map<Value, Value> entries() {
    return Collections.unmodifiableMap(map);
  }

  /** The keys in OPA's order. */
  public List<Value> sortedKeys() {
    List<Value> s = sortedKeys;
    if (s == null) {
      ArrayList<Value> copy = new ArrayList<>(map.keySet());
      copy.sort(null);
      s = Collections.unmodifiableList(copy);
      sortedKeys = s;
    }
    return s;
  }

  @Override
  public String typeName() {
    return "object";
  }

  @Override
  public int typeRank() {
    return 7;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ObjectValue other)) {
      return false;
    }
    if (other == this) {
      return true;
    }
    if (other.map.size() != map.size() || other.hashCode() != hashCode()) {
      return false;
    }
    for (Map.Entry<Value, Value> e : map.entrySet()) {
      Value v = other.map.get(e.getKey());
      if (v == null || !v.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    if (!hashed) {
      int h = 0;
      for (Map.Entry<Value, Value> e : map.entrySet()) {
        h += e.getKey().hashCode() ^ (31 * e.getValue().hashCode());
      }
      hash = h;
      hashed = true;
    }
    return hash;
  }

  @Override
  public String toString() {
    return ValueJson.write(this);
  }

  /** Collects entries; a later put for the same key replaces the earlier value. */
  public static final class Builder {
    private LinkedHashMap<Value, Value> map = new LinkedHashMap<>();

    public Builder put(Value key, Value value) {
      map.put(key, value);
      return this;
    }

    public Builder put(String key, Value value) {
      map.put(StringValue.of(key), value);
      return this;
    }

    public Builder putAll(ObjectValue o) {
      map.putAll(o.map);
      return this;
    }

    public Value get(Value key) {
      return map.get(key);
    }

    public Value remove(Value key) {
      return map.remove(key);
    }

    public boolean containsKey(Value key) {
      return map.containsKey(key);
    }

    public int size() {
      return map.size();
    }

    public ObjectValue build() {
      ObjectValue o = map.isEmpty() ? EMPTY : new ObjectValue(map);
      map = new LinkedHashMap<>();
      return o;
    }
  }
}
