package dev.modelgate.rego.builtins.semver;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.strings.GoQuote;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.util.List;

/** semver.compare and semver.is_valid. */
public final class SemVerBuiltins {
  private SemVerBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function(
        "semver.is_valid",
        1,
        (c, a) ->
            BooleanValue.of(a.get(0) instanceof StringValue s && SemVer.parse(s.value()) != null));
    r.function(
        "semver.compare",
        2,
        (c, a) -> {
          SemVer x = version(a, 0);
          SemVer y = version(a, 1);
          return NumberValue.of(x.compareTo(y));
        });
  }

  private static SemVer version(List<Value> a, int i) throws BuiltinException {
    String s = Args.string(a, i);
    SemVer v = SemVer.parse(s);
    if (v == null) {
      throw BuiltinException.error(
          "operand " + (i + 1) + ": string " + GoQuote.quote(s, false) + " is not a valid SemVer");
    }
    return v;
  }
}
