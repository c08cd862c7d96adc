package dev.modelgate.webhook.decide;

import java.util.List;
import java.util.Optional;

/** Read-only view of the HFModels the webhook knows, answered from memory. */
public interface ModelCatalog {

  Optional<ModelRecord> byName(String namespace, String name);

  /** HFModels in {@code namespace} whose {@code spec.repo} equals {@code repo}, ignoring case. */
  List<ModelRecord> byRepo(String namespace, String repo);
}
