package dev.modelgate.crds;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A cluster-wide rule (Rego) that decides HFModels' state and tags, with Cloudsmith EPM semantics:
 * evaluated in ascending precedence, a matching terminal policy stops evaluation.
 */
@Group(ModelGateApi.GROUP)
@Version(ModelGateApi.VERSION)
@ShortNames("mp")
@AdditionalPrinterColumn(
    name = "Precedence",
    jsonPath = ".spec.precedence",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Enabled",
    jsonPath = ".spec.enabled",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Terminal",
    jsonPath = ".spec.terminal",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelPolicy extends CustomResource<ModelPolicySpec, ModelPolicyStatus> {
  private static final long serialVersionUID = 1L;
}
