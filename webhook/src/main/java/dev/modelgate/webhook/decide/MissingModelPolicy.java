package dev.modelgate.webhook.decide;

import java.util.Locale;
import java.util.Optional;

/** What to do with a reference to a model that has no HFModel in the namespace. */
public enum MissingModelPolicy {
  DENY,
  WARN,
  ALLOW;

  public static Optional<MissingModelPolicy> parse(String value) {
    if (value == null) return Optional.empty();
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "deny" -> Optional.of(DENY);
      case "warn" -> Optional.of(WARN);
      case "allow" -> Optional.of(ALLOW);
      default -> Optional.empty();
    };
  }
}
