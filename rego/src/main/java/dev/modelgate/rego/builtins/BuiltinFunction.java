package dev.modelgate.rego.builtins;

import dev.modelgate.rego.value.Value;
import java.util.List;

/** The body of a builtin that yields at most one value. */
@FunctionalInterface
public interface BuiltinFunction {
  /**
   * Computes the result.
   *
   * @param ctx per-evaluation context (clock, strict mode, limits, print, caches)
   * @param args exactly {@code arity} argument values, never null
   * @return the result, or Java {@code null} for "undefined"
   */
  Value apply(BuiltinContext ctx, List<Value> args) throws BuiltinException;
}
