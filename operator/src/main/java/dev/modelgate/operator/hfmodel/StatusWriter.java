package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Writes an HFModel's status to the {@code /status} subresource in one request, without reading the
 * object first: by server-side apply on real clusters, or (API servers without SSA, such as the
 * Fabric8 mock) by a JSON patch whose single {@code add /status} operation replaces the whole
 * status. Neither carries a resourceVersion, so neither can conflict: the operator is the status's
 * only writer and JOSDK never runs two reconciles of one HFModel at once, so the last write is the
 * newest decision. Both replace the whole status, so fields dropped from the new status disappear.
 */
final class StatusWriter {
  static final String FIELD_MANAGER = "modelgate-operator";

  private final KubernetesClient client;
  private final boolean useSsa;

  StatusWriter(KubernetesClient client, boolean useSsa) {
    this.client = client;
    this.useSsa = useSsa;
  }

  /**
   * Writes {@code status} for {@code model}. Returns the object as the API server stored it, or
   * null when it no longer exists (it was deleted while we worked).
   */
  HFModel write(HFModel model, HFModelStatus status) {
    String ns = model.getMetadata().getNamespace();
    String name = model.getMetadata().getName();
    try {
      if (useSsa) {
        HFModel intent = new HFModel();
        intent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        intent.setStatus(status);
        return client
            .resource(intent)
            .subresource("status")
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(FIELD_MANAGER)
                    .withForce(true)
                    .build(),
                intent);
      }
      // "add" on an existing member replaces it (RFC 6902 §4.1), and creates it when absent.
      String patch =
          client
              .getKubernetesSerialization()
              .asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
      // Patching through the item we hold (not withName) keeps Fabric8 from GETting it first.
      return client
          .resource(model)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }
}
