package dev.modelgate.rego.parser;

import dev.modelgate.rego.ast.Location;

/** A syntax error ({@code rego_parse_error}) at a location. */
public final class RegoParseException extends RuntimeException {
  private final Location location;

  public RegoParseException(Location location, String message) {
    super(message, null, false, false);
    this.location = location;
  }

  public Location location() {
    return location;
  }
}
