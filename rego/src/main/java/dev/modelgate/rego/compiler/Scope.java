package dev.modelgate.rego.compiler;

import java.util.HashMap;
import java.util.Map;

/** Variables declared in one body ({@code :=}, {@code some}, every's key/value). */
public final class Scope {
  private static final java.util.concurrent.atomic.AtomicLong COUNTER =
      new java.util.concurrent.atomic.AtomicLong();

  final Scope parent;
  final boolean root;
  final Map<String, String> declared = new HashMap<>();

  /**
   * How each name first occurred in this body: "assigned" ({@code :=}), "declared" ({@code some})
   * or "referenced" (used free). OPA rejects declaring a name that already occurred in the same
   * body ("var x referenced above").
   */
  final Map<String, String> occurrence = new HashMap<>();

  Scope(Scope parent) {
    this.parent = parent;
    this.root = parent == null;
  }

  /** Declares a variable; nested scopes rename it so it cannot clash with outer variables. */
  String declare(String name) {
    String internal = name + "$" + COUNTER.incrementAndGet();
    declared.put(name, internal);
    return internal;
  }

  /** Declares a variable under its own name (function parameters). */
  void declareKeep(String name) {
    declared.put(name, name);
  }

  String lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      String v = s.declared.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** The name as the user wrote it (internal names carry a {@code $n} suffix). */
  public static String display(String internal) {
    int i = internal.indexOf('$');
    if (internal.startsWith("_$")) {
      return "_";
    }
    return i > 0 ? internal.substring(0, i) : internal;
  }
}
