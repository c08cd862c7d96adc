package dev.modelgate.rego.builtins;

import java.util.List;
import java.util.function.Consumer;

/**
 * The one place that lists the libraries making up the standard builtins. To add a family, write a
 * class with a {@code static void register(BuiltinRegistry r)} and add it here.
 */
final class StandardLibrary {
  private StandardLibrary() {}

  private static final List<Consumer<BuiltinRegistry>> LIBRARIES =
      List.of(
          // Operators the parser produces (==, <, +, &, ...), owned by the engine.
          OperatorBuiltins::register,
          // The builtin library: every other family, listed in BuiltinLibrary.
          dev.modelgate.rego.builtins.library.BuiltinLibrary::register);

  static void registerAll(BuiltinRegistry r) {
    for (Consumer<BuiltinRegistry> lib : LIBRARIES) {
      lib.accept(r);
    }
  }
}
