package dev.modelgate.rego.builtins.graphql;

/** A GraphQL document that does not parse or does not validate. */
final class GraphQlException extends Exception {
  GraphQlException(String message) {
    super(message, null, false, false);
  }
}
