package dev.modelgate.rego.builtins.units;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.NumberValue;

/** units.parse and units.parse_bytes. */
public final class UnitsBuiltins {
  private UnitsBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("units.parse", 1, guarded((c, a) -> NumberValue.of(Units.parse(Args.string(a, 0)))));
    r.function(
        "units.parse_bytes",
        1,
        guarded((c, a) -> NumberValue.of(Units.parseBytes(Args.string(a, 0)))));
  }
}
