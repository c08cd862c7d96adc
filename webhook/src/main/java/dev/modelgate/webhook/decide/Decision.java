package dev.modelgate.webhook.decide;

import java.util.List;

/**
 * The answer for one admission request.
 *
 * @param allowed whether the request may proceed
 * @param result how to count it in metrics and logs
 * @param message the denial message (null when allowed)
 * @param warnings AdmissionReview warnings (possibly empty)
 * @param violations every reference that was not allowed, for logs
 */
public record Decision(
    boolean allowed,
    Result result,
    String message,
    List<String> warnings,
    List<Violation> violations) {

  /** How a request ended. */
  public enum Result {
    ALLOWED,
    DENIED,
    WARNED,
    SKIPPED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Decision {
    warnings = List.copyOf(warnings);
    violations = List.copyOf(violations);
  }

  public static Decision skip() {
    return new Decision(true, Result.SKIPPED, null, List.of(), List.of());
  }

  public static Decision allow() {
    return new Decision(true, Result.ALLOWED, null, List.of(), List.of());
  }

  public static Decision deny(String message) {
    return new Decision(false, Result.DENIED, message, List.of(), List.of());
  }
}
