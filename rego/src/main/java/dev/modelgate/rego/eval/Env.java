package dev.modelgate.rego.eval;

import dev.modelgate.rego.compiler.CompiledRule;
import dev.modelgate.rego.value.Value;
import java.util.HashMap;

/** Variable bindings of one rule or query evaluation (closures share their enclosing Env). */
final class Env {
  private final HashMap<String, Value> vars = new HashMap<>();

  /** The rule being evaluated (for rego.metadata.rule), or null for queries. */
  final CompiledRule rule;

  Env(CompiledRule rule) {
    this.rule = rule;
  }

  Value get(String name) {
    return vars.get(name);
  }

  void put(String name, Value v) {
    vars.put(name, v);
  }

  void remove(String name) {
    vars.remove(name);
  }
}
