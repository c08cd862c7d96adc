package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.ArgumentDefinition;
import dev.modelgate.rego.builtins.graphql.GraphQlAst.DirectiveDefinition;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lookups by name in argument lists and directive locations, indexed on first use. gqlparser scans
 * lists; with documents of tens of thousands of names those scans would make validation quadratic,
 * so each list is indexed once (the first entry of a name wins, as in a scan).
 */
final class GraphQlLookup {
  private final Map<List<ArgumentDefinition>, Map<String, ArgumentDefinition>> arguments =
      new IdentityHashMap<>();
  private final Map<DirectiveDefinition, Set<String>> locations = new IdentityHashMap<>();

  /** The first argument definition with this name, or null. */
  ArgumentDefinition argument(List<ArgumentDefinition> args, String name) {
    if (args.isEmpty()) {
      return null;
    }
    return arguments
        .computeIfAbsent(
            args,
            list -> {
              Map<String, ArgumentDefinition> byName = new HashMap<>();
              for (ArgumentDefinition a : list) {
                byName.putIfAbsent(a.name(), a);
              }
              return byName;
            })
        .get(name);
  }

  /** Whether the directive may be used at this location. */
  boolean allows(DirectiveDefinition d, String location) {
    return locations.computeIfAbsent(d, def -> Set.copyOf(def.locations())).contains(location);
  }
}
