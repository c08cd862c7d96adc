package dev.modelgate.operator.decision;

import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyDecision;
import java.util.List;

/**
 * The outcome for one model.
 *
 * @param phase {@link Phase#Available} or {@link Phase#Quarantined}
 * @param tags the tags to show in the status, in order
 * @param log one entry per evaluated rule, in evaluation order
 * @param reason one line for people: why this phase
 */
public record Decision(Phase phase, List<String> tags, List<PolicyDecision> log, String reason) {
  public Decision {
    if (phase != Phase.Available && phase != Phase.Quarantined) {
      throw new IllegalArgumentException("a decision is Available or Quarantined, not " + phase);
    }
    tags = List.copyOf(tags);
    log = List.copyOf(log);
  }
}
