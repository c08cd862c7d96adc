package dev.modelgate.policies.epm;

import dev.modelgate.crds.PolicyAction;
import java.util.List;

/**
 * The decision before any policy runs (ARCHITECTURE §3): the scanner's verdict.
 *
 * @param state Quarantined when any finding is HIGH or CRITICAL, else Available
 * @param reasons why, in words, for the decision log
 */
public record Baseline(PolicyAction.State state, List<String> reasons) {

  /** The decision-log name of the baseline entry. */
  public static final String NAME = "scanner-verdict";

  public Baseline {
    reasons = List.copyOf(reasons);
  }
}
