package dev.modelgate.scanner;

import java.util.Objects;

/**
 * One thing a scanner found.
 *
 * @param severity how bad it is
 * @param rule stable rule id, lower-case dotted (e.g. {@code pickle.global.dangerous}); scripts and
 *     policies match on it, so a rule id never changes meaning
 * @param message one sentence a user understands, naming the offending thing
 * @param location member path and/or byte offset, or {@link Location#NONE}
 */
public record Finding(Severity severity, String rule, String message, Location location) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    location = location == null ? Location.NONE : location;
  }

  public static Finding of(Severity severity, String rule, String message) {
    return new Finding(severity, rule, message, Location.NONE);
  }

  @Override
  public String toString() {
    String where = location.toString();
    return severity + " " + rule + (where.isEmpty() ? "" : " [" + where + "]") + ": " + message;
  }
}
