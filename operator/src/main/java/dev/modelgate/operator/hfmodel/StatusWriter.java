package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes an HFModel's status to the {@code /status} subresource, either by server-side apply (real
 * clusters: no read, no conflicts with other field managers) or by JSON patch computed against the
 * latest object (API servers without SSA, such as the Fabric8 mock). Both replace the whole status,
 * so fields dropped from the new status disappear.
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
   * Writes {@code status} for {@code model}. Returns false when the object no longer exists (it was
   * deleted while we worked), true otherwise.
   */
  boolean write(HFModel model, HFModelStatus status) {
    String ns = model.getMetadata().getNamespace();
    String name = model.getMetadata().getName();
    try {
      if (useSsa) {
        HFModel intent = new HFModel();
        intent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        intent.setStatus(status);
        client
            .resource(intent)
            .subresource("status")
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(FIELD_MANAGER)
                    .withForce(true)
                    .build(),
                intent);
      } else {
        client
            .resources(HFModel.class)
            .inNamespace(ns)
            .withName(name)
            .editStatus(
                latest -> {
                  latest.setStatus(status);
                  return latest;
                });
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
