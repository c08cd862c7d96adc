package dev.modelgate.rego.api;

import dev.modelgate.rego.ast.Location;

/**
 * An error as OPA reports it: a code ({@code rego_parse_error}, {@code rego_unsafe_var_error},
 * {@code eval_conflict_error}, ...), a message and a location (may be null).
 */
public record RegoError(String code, String message, Location location) {
  /** {@code file:line:col: code: message}, OPA's layout. */
  @Override
  public String toString() {
    return (location == null ? "" : location + ": ") + code + ": " + message;
  }
}
