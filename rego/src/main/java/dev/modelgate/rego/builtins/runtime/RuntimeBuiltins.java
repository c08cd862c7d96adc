package dev.modelgate.rego.builtins.runtime;

import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import java.util.Map;

/**
 * opa.runtime, trace, and the refusal of network builtins: ModelGate policies run on the admission
 * path and must not reach out, so http.send and friends end the evaluation with a clear error.
 */
public final class RuntimeBuiltins {
  private RuntimeBuiltins() {}

  public static void register(BuiltinRegistry r) {
    // Like OPA without runtime information: {} unless the caller supplied an environment.
    r.function(
        "opa.runtime",
        0,
        (c, a) -> {
          if (c.env().isEmpty()) {
            return ObjectValue.EMPTY;
          }
          ObjectValue.Builder env = ObjectValue.builder();
          for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.env()).entrySet()) {
            env.put(e.getKey(), StringValue.of(e.getValue()));
          }
          return ObjectValue.builder().put("env", env.build()).build();
        });
    r.function(
        "trace",
        1,
        (c, a) -> {
          if (!(a.get(0) instanceof StringValue)) {
            throw BuiltinException.operand(1, "string", a.get(0));
          }
          return BooleanValue.TRUE;
        });
    refuse(r, "http.send", 1);
    refuse(r, "net.lookup_ip_addr", 1);
  }

  private static void refuse(BuiltinRegistry r, String name, int arity) {
    r.function(
        name,
        arity,
        (c, a) -> {
          throw BuiltinException.halt(
              name + " is not allowed: ModelGate policies may not make network calls");
        });
  }
}
