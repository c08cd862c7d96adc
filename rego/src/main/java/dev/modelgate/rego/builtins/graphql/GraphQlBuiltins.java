package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.StringValue;

/**
 * graphql.schema_is_valid on SDL strings. The AST-object forms and the query builtins
 * (graphql.parse*, graphql.is_valid) are not implemented yet.
 */
public final class GraphQlBuiltins {
  private GraphQlBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function(
        "graphql.schema_is_valid",
        1,
        (c, a) -> {
          if (!(a.get(0) instanceof StringValue s)) {
            throw BuiltinException.operand(1, "string", a.get(0));
          }
          try {
            GraphQlSchema.check(s.value());
            return BooleanValue.TRUE;
          } catch (GraphQlException e) {
            return BooleanValue.FALSE;
          }
        });
  }
}
