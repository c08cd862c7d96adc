package dev.modelgate.webhook.decide;

import java.util.Locale;
import java.util.Optional;

/** What a namespace's label {@code modelgate.dev/enforcement} asks for. */
public enum EnforcementMode {
  /** Violations deny the request. */
  ENFORCE,
  /** Violations are returned as AdmissionReview warnings; the request is allowed. */
  WARN,
  /** The webhook allows everything in the namespace without looking. */
  OFF;

  public static final String LABEL = "modelgate.dev/enforcement";

  public static Optional<EnforcementMode> parse(String value) {
    if (value == null) return Optional.empty();
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "enforce" -> Optional.of(ENFORCE);
      case "warn" -> Optional.of(WARN);
      case "off" -> Optional.of(OFF);
      default -> Optional.empty();
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
