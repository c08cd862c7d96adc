package dev.modelgate.operator.decision;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.operator.store.ModelReport;
import java.util.List;

/**
 * Everything a decision may depend on.
 *
 * @param model which HFModel is being decided
 * @param report the cached scan report: model facts, card text, per-file scan results, Hub security
 *     data (see {@link ModelReport})
 * @param policies every ModelPolicy in the cluster as the informer cache holds it (enabled or not,
 *     valid or not: the decider filters)
 */
public record DecisionInput(ModelRef model, ModelReport report, List<ModelPolicy> policies) {
  public DecisionInput {
    policies = List.copyOf(policies);
  }
}
