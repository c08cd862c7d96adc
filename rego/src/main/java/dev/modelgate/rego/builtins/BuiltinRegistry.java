package dev.modelgate.rego.builtins;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builtins by name. {@link #standard()} is the full library every policy sees; tests and embedders
 * may build their own with {@link #empty()} and {@link #register(Builtin)}.
 */
public final class BuiltinRegistry {
  private static volatile BuiltinRegistry standard;

  private final Map<String, Builtin> byName = new TreeMap<>();

  private BuiltinRegistry() {}

  /** An empty registry. */
  public static BuiltinRegistry empty() {
    return new BuiltinRegistry();
  }

  /** The standard library: every library listed in {@link StandardLibrary}. Built once. */
  public static BuiltinRegistry standard() {
    BuiltinRegistry r = standard;
    if (r == null) {
      synchronized (BuiltinRegistry.class) {
        r = standard;
        if (r == null) {
          r = new BuiltinRegistry();
          StandardLibrary.registerAll(r);
          standard = r;
        }
      }
    }
    return r;
  }

  /**
   * Adds a builtin.
   *
   * @throws IllegalStateException if a builtin with that name is already registered (two libraries
   *     must not silently fight over a name)
   */
  public BuiltinRegistry register(Builtin b) {
    Builtin old = byName.putIfAbsent(b.name(), b);
    if (old != null) {
      throw new IllegalStateException("builtin registered twice: " + b.name());
    }
    return this;
  }

  /** Shorthand for {@code register(Builtin.function(name, arity, fn))}. */
  public BuiltinRegistry function(String name, int arity, BuiltinFunction fn) {
    return register(Builtin.function(name, arity, fn));
  }

  /** Shorthand for {@code register(Builtin.relation(name, arity, rel))}. */
  public BuiltinRegistry relation(String name, int arity, BuiltinRelation rel) {
    return register(Builtin.relation(name, arity, rel));
  }

  /** The builtin with this name, or null. */
  public Builtin lookup(String name) {
    return byName.get(name);
  }

  /** All builtins by name (sorted). */
  public Map<String, Builtin> all() {
    return Collections.unmodifiableMap(byName);
  }
}
