package dev.modelgate.rego.builtins.graphql;

import dev.modelgate.rego.builtins.graphql.GraphQlAst.Type;

/** Comparisons of type references that schema and query validation share. */
final class GraphQlTypes {
  private GraphQlTypes() {}

  /**
   * gqlparser's Type.IsCompatible: whether a value of type {@code have} may be used where {@code
   * want} is expected (same named type and list shape; non-null wherever {@code want} is).
   */
  static boolean isCompatible(Type have, Type want) {
    while (true) {
      if (!have.namedType().equals(want.namedType())) {
        return false;
      }
      if (want.nonNull() && !have.nonNull()) {
        return false;
      }
      if (have.elem() == null) {
        return true;
      }
      if (want.elem() == null) {
        return false;
      }
      have = have.elem();
      want = want.elem();
    }
  }
}
