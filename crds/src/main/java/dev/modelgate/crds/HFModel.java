package dev.modelgate.crds;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Hugging Face Hub model that a namespace wants to use. The operator resolves, fetches, verifies
 * and scans it, and publishes it into the shared model store only when it is {@code Available}.
 */
@Group(ModelGateApi.GROUP)
@Version(ModelGateApi.VERSION)
@ShortNames("hfm")
@AdditionalPrinterColumn(
    name = "Repo",
    jsonPath = ".spec.repo",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Revision",
    jsonPath = ".status.shortRevision",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Tags",
    jsonPath = ".status.tags",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Max severity",
    jsonPath = ".status.summary.maxSeverity",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class HFModel extends CustomResource<HFModelSpec, HFModelStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** {@code namespace/name}, for log lines and events. */
  public String key() {
    return getMetadata().getNamespace() + "/" + getMetadata().getName();
  }
}
