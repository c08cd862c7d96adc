package dev.modelgate.rego.builtins.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgate.rego.builtins.Builtin;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.SimpleBuiltinContext;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.util.ArrayList;
import java.util.List;

/** Calls standard builtins with arguments written as JSON, for the builtin unit tests. */
public final class Call {
  /** The fixed clock of test evaluations: 2023-12-24T18:58:45.73439Z. */
  public static final long NOW_NS = 1703444325734390000L;

  private Call() {}

  public static Value value(String json) {
    return ValueJson.parse(json);
  }

  /** Calls a function builtin; JSON arguments. Returns null for undefined. */
  public static Value call(String name, String... jsonArgs) throws BuiltinException {
    List<Value> args = new ArrayList<>();
    for (String a : jsonArgs) {
      args.add(ValueJson.parse(a));
    }
    return callValues(name, args);
  }

  public static Value callValues(String name, List<Value> args) throws BuiltinException {
    Builtin b = BuiltinRegistry.standard().lookup(name);
    assertThat(b).as("builtin " + name).isNotNull();
    assertThat(b.arity()).as("arity of " + name).isEqualTo(args.size());
    SimpleBuiltinContext ctx = new SimpleBuiltinContext(NOW_NS, true);
    if (b.function() != null) {
      return b.function().apply(ctx, args);
    }
    List<Value> out = new ArrayList<>();
    b.relation().apply(ctx, args, out::add);
    return dev.modelgate.rego.value.ArrayValue.of(out);
  }

  /** The call's result as compact JSON ("undefined" when undefined). */
  public static String json(String name, String... jsonArgs) throws BuiltinException {
    Value v = call(name, jsonArgs);
    return v == null ? "undefined" : ValueJson.write(v);
  }

  /** The error the call raises. */
  public static BuiltinException error(String name, String... jsonArgs) {
    BuiltinException e = catchThrowableOfType(BuiltinException.class, () -> call(name, jsonArgs));
    assertThat(e).as("expected an error from " + name).isNotNull();
    return e;
  }
}
