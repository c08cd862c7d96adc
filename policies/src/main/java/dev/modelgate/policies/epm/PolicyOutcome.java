package dev.modelgate.policies.epm;

import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.PolicyDecision;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the policies decided for one model.
 *
 * @param state the final state: the last SetState applied, or the baseline's
 * @param tags the tags after every AddTags/RemoveTags, in the order they were first added
 * @param decisions the decision log: the baseline first, then one entry per evaluated policy
 * @param failedPolicies names of policies that errored (the model is then quarantined)
 */
public record PolicyOutcome(
    PolicyAction.State state,
    List<String> tags,
    List<PolicyDecision> decisions,
    List<String> failedPolicies) {

  public PolicyOutcome {
    tags = List.copyOf(tags);
    decisions = List.copyOf(decisions);
    failedPolicies = List.copyOf(failedPolicies);
  }

  /** The reasons of every matched policy (and the baseline), for admission denials. */
  public List<String> reasons() {
    return decisions.stream()
        .filter(d -> Boolean.TRUE.equals(d.getMatched()) || d.getError() != null)
        .flatMap(
            d ->
                d.getError() != null
                    ? Stream.of(d.getPolicy() + ": " + d.getError())
                    : d.getReasons().stream().map(r -> d.getPolicy() + ": " + r))
        .toList();
  }
}
