package dev.modelgate.webhook.validate;

import java.util.List;

/**
 * The seam where the {@code rego} module's compiler plugs in: compiles one ModelPolicy's Rego and
 * returns its errors as {@code line:column: message}, empty when it compiles.
 */
@FunctionalInterface
public interface RegoCompiler {

  List<String> compile(String rego, String query);

  /** Used until a real compiler is wired: accepts every module, so only structure is checked. */
  RegoCompiler NONE = (rego, query) -> List.of();
}
