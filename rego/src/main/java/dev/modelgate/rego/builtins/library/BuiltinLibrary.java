package dev.modelgate.rego.builtins.library;

import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.collections.AggregateBuiltins;
import dev.modelgate.rego.builtins.collections.ArrayBuiltins;
import dev.modelgate.rego.builtins.collections.ObjectBuiltins;
import dev.modelgate.rego.builtins.collections.SetBuiltins;
import dev.modelgate.rego.builtins.numbers.NumberBuiltins;
import dev.modelgate.rego.builtins.strings.StringBuiltins;
import dev.modelgate.rego.builtins.time.TimeBuiltins;
import dev.modelgate.rego.builtins.types.TypeBuiltins;
import java.util.List;
import java.util.function.Consumer;

/** The builtin library (everything but the operators the engine owns), one class per family. */
public final class BuiltinLibrary {
  private BuiltinLibrary() {}

  private static final List<Consumer<BuiltinRegistry>> FAMILIES =
      List.of(
          AggregateBuiltins::register,
          ArrayBuiltins::register,
          SetBuiltins::register,
          ObjectBuiltins::register,
          NumberBuiltins::register,
          StringBuiltins::register,
          TypeBuiltins::register,
          TimeBuiltins::register,
          dev.modelgate.rego.builtins.units.UnitsBuiltins::register,
          dev.modelgate.rego.builtins.glob.GlobBuiltins::register,
          dev.modelgate.rego.builtins.semver.SemVerBuiltins::register,
          dev.modelgate.rego.builtins.net.NetBuiltins::register,
          dev.modelgate.rego.builtins.encoding.EncodingBuiltins::register,
          dev.modelgate.rego.builtins.regex.RegexBuiltins::register,
          dev.modelgate.rego.builtins.json.JsonBuiltins::register,
          dev.modelgate.rego.builtins.graph.GraphBuiltins::register,
          dev.modelgate.rego.builtins.runtime.RuntimeBuiltins::register,
          dev.modelgate.rego.builtins.uuid.UuidBuiltins::register,
          dev.modelgate.rego.builtins.crypto.CryptoBuiltins::register,
          dev.modelgate.rego.builtins.jwt.JwtBuiltins::register,
          dev.modelgate.rego.builtins.x509.X509Builtins::register,
          dev.modelgate.rego.builtins.providers.AwsSigV4Builtins::register,
          dev.modelgate.rego.builtins.graphql.GraphQlBuiltins::register);

  public static void register(BuiltinRegistry r) {
    for (Consumer<BuiltinRegistry> family : FAMILIES) {
      family.accept(r);
    }
  }
}
