package dev.modelgate.operator.decision;

/**
 * The seam where a model's outcome is decided: the scanner baseline today, ModelPolicy evaluation
 * (EPM semantics) when the policies module plugs in. Called on every reconcile that has a scan
 * report, including after a ModelPolicy change, so it must be pure and quick: no I/O, no Kubernetes
 * calls; everything it may look at is in the {@link DecisionInput}.
 */
@FunctionalInterface
public interface ModelDecider {
  /** Decides {@code Available} or {@code Quarantined}, tags, and the decision log. */
  Decision decide(DecisionInput input);
}
