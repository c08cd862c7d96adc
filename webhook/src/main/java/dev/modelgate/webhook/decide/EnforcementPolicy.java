package dev.modelgate.webhook.decide;

import java.util.Set;

/**
 * Which mode applies in a namespace: exempt namespaces are off; otherwise the namespace's label
 * {@code modelgate.dev/enforcement}; otherwise the configured default. A label with an unknown
 * value enforces, so a typo never switches the gate off.
 */
public final class EnforcementPolicy {

  private final EnforcementMode defaultMode;
  private final Set<String> exempt;
  private final NamespaceLabels namespaces;

  public EnforcementPolicy(
      EnforcementMode defaultMode, Set<String> exemptNamespaces, NamespaceLabels namespaces) {
    this.defaultMode = defaultMode;
    this.exempt = Set.copyOf(exemptNamespaces);
    this.namespaces = namespaces;
  }

  public boolean isExempt(String namespace) {
    return exempt.contains(namespace);
  }

  public EnforcementMode modeFor(String namespace) {
    if (isExempt(namespace)) return EnforcementMode.OFF;
    String label = namespaces.labels(namespace).get(EnforcementMode.LABEL);
    if (label == null) return defaultMode;
    return EnforcementMode.parse(label).orElse(EnforcementMode.ENFORCE);
  }
}
