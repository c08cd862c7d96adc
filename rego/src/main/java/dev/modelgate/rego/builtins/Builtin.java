package dev.modelgate.rego.builtins;

import java.util.Objects;

/**
 * A builtin: its full name ({@code "strings.replace_n"}), its arity (number of inputs, not counting
 * the output operand) and its body. Exactly one of {@link #function()} and {@link #relation()} is
 * set.
 */
public record Builtin(String name, int arity, BuiltinFunction function, BuiltinRelation relation) {

  public Builtin {
    Objects.requireNonNull(name, "name");
    if ((function == null) == (relation == null)) {
      throw new IllegalArgumentException("a builtin has exactly one of function and relation");
    }
  }

  /** A builtin yielding at most one value. */
  public static Builtin function(String name, int arity, BuiltinFunction fn) {
    return new Builtin(name, arity, fn, null);
  }

  /** A builtin yielding any number of values (each a solution). */
  public static Builtin relation(String name, int arity, BuiltinRelation rel) {
    return new Builtin(name, arity, null, rel);
  }
}
