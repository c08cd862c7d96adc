package dev.modelgate.operator.hfmodel;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets metav1.Condition entries the standard way: {@code lastTransitionTime} moves only when the
 * condition's status changes, so re-reconciling an unchanged model writes an identical status (and
 * no write at all).
 */
final class Conditions {
  static final String RESOLVED = "Resolved";
  static final String DOWNLOADED = "Downloaded";
  static final String SCANNED = "Scanned";
  static final String POLICY_EVALUATED = "PolicyEvaluated";
  static final String READY = "Ready";

  /** The order conditions appear in, whatever order they were set in. */
  static final List<String> ORDER = List.of(RESOLVED, DOWNLOADED, SCANNED, POLICY_EVALUATED, READY);

  private static final int MAX_MESSAGE = 1024;

  private Conditions() {}

  /**
   * Returns {@code conditions} with {@code type} set.
   *
   * @param status {@code True}, {@code False} or {@code Unknown}
   * @param reason CamelCase, as the API server requires
   */
  static List<Condition> set(
      List<Condition> conditions,
      String type,
      String status,
      String reason,
      String message,
      Long generation,
      Instant now) {
    List<Condition> out = new ArrayList<>();
    Condition old = null;
    for (Condition c : conditions == null ? List.<Condition>of() : conditions) {
      if (type.equals(c.getType())) {
        old = c;
      } else {
        out.add(c);
      }
    }
    String since =
        old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : now.truncatedTo(ChronoUnit.SECONDS).toString();
    out.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(truncate(message))
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    out.sort(
        (a, b) ->
            Integer.compare(
                ORDER.indexOf(a.getType()) & Integer.MAX_VALUE,
                ORDER.indexOf(b.getType()) & Integer.MAX_VALUE));
    return out;
  }

  /** The condition of {@code type}, or null. */
  static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  static String truncate(String message) {
    if (message == null) {
      return "";
    }
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
