package dev.modelgate.policies.epm;

import dev.modelgate.crds.PolicyAction;
import dev.modelgate.rego.api.PreparedQuery;
import java.util.List;

/**
 * A ModelPolicy ready to evaluate: its Rego compiled once, its {@code match} query and (when the
 * module defines one) its {@code reason} query prepared.
 *
 * @param name the ModelPolicy's name
 * @param precedence ascending order of evaluation
 * @param terminal a match stops evaluation
 * @param actions applied in order when the policy matches
 * @param match the decision query ({@code spec.query} or {@code data.<package>.match})
 * @param reason the {@code data.<package>.reason} query, or null when the module has none
 */
public record CompiledModelPolicy(
    String name,
    int precedence,
    boolean terminal,
    List<PolicyAction> actions,
    PreparedQuery match,
    PreparedQuery reason) {

  public CompiledModelPolicy {
    actions = List.copyOf(actions);
  }
}
