package dev.modelgate.rego.builtins.support;

import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinFunction;

/**
 * Adapts the pure-Java helpers (which throw {@link IllegalArgumentException} with OPA's message) to
 * builtins, which report {@link BuiltinException}s ({@code eval_builtin_error}).
 */
public final class Guard {
  private Guard() {}

  /** Wraps a builtin body so an {@link IllegalArgumentException} becomes a builtin error. */
  public static BuiltinFunction guarded(BuiltinFunction f) {
    return (c, a) -> {
      try {
        return f.apply(c, a);
      } catch (IllegalArgumentException e) {
        throw BuiltinException.error(e.getMessage());
      }
    };
  }
}
