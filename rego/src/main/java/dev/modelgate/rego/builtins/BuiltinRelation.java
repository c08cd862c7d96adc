package dev.modelgate.rego.builtins;

import dev.modelgate.rego.value.Value;
import java.util.List;
import java.util.function.Consumer;

/**
 * The body of a builtin that yields any number of values, each a separate solution (like OPA's
 * {@code walk}): {@code walk(x, [p, v])} binds {@code p, v} once per output.
 */
@FunctionalInterface
public interface BuiltinRelation {
  void apply(BuiltinContext ctx, List<Value> args, Consumer<Value> out) throws BuiltinException;
}
