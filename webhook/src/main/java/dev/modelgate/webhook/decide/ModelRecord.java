package dev.modelgate.webhook.decide;

import java.util.List;

/**
 * What the webhook needs to know about one HFModel, distilled from the informer cache.
 *
 * @param namespace the HFModel's namespace
 * @param name the HFModel's name
 * @param repo {@code spec.repo}
 * @param revision {@code spec.revision} (branch, tag or commit; {@code main} when unset)
 * @param phase {@code status.phase}, or {@code Pending} when there is no status yet
 * @param resolvedRevision {@code status.resolvedRevision}, the approved commit, may be null
 * @param reasons short reasons from the decision log (matched policies) or the Ready condition
 * @param current false when the status describes an older generation of the spec (the operator has
 *     not yet looked at a change), in which case the phase cannot be trusted
 */
public record ModelRecord(
    String namespace,
    String name,
    String repo,
    String revision,
    String phase,
    String resolvedRevision,
    List<String> reasons,
    boolean current) {

  public static final String AVAILABLE = "Available";

  public ModelRecord {
    reasons = List.copyOf(reasons);
  }

  /** Available, and the status belongs to the current spec. */
  public boolean usable() {
    return current && AVAILABLE.equals(phase);
  }

  /** The phase as users should read it: a stale Available is not Available. */
  public String effectivePhase() {
    return current ? phase : phase + " (spec changed, not yet re-evaluated)";
  }
}
