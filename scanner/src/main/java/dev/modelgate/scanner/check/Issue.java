package dev.modelgate.scanner.check;

import dev.modelgate.scanner.Severity;
import java.util.Objects;

/**
 * A finding produced by a content check that does not know where its input came from (a chat
 * template, a Keras config): the format scanner that ran the check adds the location.
 *
 * @param severity how bad it is
 * @param rule stable rule id
 * @param message one sentence naming the offending thing
 */
public record Issue(Severity severity, String rule, String message) {
  public Issue {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }
}
