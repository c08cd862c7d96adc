package dev.modelgate.rego.builtins.graphql;

/**
 * A GraphQL document that does not parse or does not validate. {@code line} and {@code column} are
 * 1-based, or 0 when the offending node has no position (ASTs given as Rego objects have none).
 */
final class GraphQlException extends Exception {
  private final int line;
  private final int column;

  GraphQlException(String message) {
    this(message, 0, 0);
  }

  GraphQlException(String message, GraphQlAst.Position pos) {
    this(message, pos == null ? 0 : pos.line(), pos == null ? 0 : pos.column());
  }

  GraphQlException(String message, int line, int column) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  /** OPA's wording: {@code <message> in GraphQL <what> at location <line>:<column>}. */
  String describe(String what) {
    return getMessage() + " in GraphQL " + what + " at location " + location();
  }

  /** {@code <line>:<column>}; gqlparser writes -1:-1 for nodes without a position. */
  String location() {
    return line == 0 ? "-1:-1" : line + ":" + column;
  }
}
