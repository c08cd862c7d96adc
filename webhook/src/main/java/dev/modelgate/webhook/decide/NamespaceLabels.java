package dev.modelgate.webhook.decide;

import java.util.Map;

/** Labels of a namespace, answered from memory; empty when the namespace is unknown. */
@FunctionalInterface
public interface NamespaceLabels {

  Map<String, String> labels(String namespace);
}
