package dev.modelgate.webhook.cache;

import dev.modelgate.crds.HFModel;
import dev.modelgate.webhook.decide.NamespaceLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric8 SharedIndexInformers for HFModels (all namespaces) and Namespaces, feeding the {@link
 * ModelIndex} and answering namespace labels. The request path reads only these caches; it never
 * calls the API server. Ready once both informers have synced.
 */
public final class ClusterCaches implements NamespaceLabels, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterCaches.class);

  /** HFModels as generic resources, described by the crds module's own type. */
  public static final ResourceDefinitionContext HFMODELS =
      ResourceDefinitionContext.fromResourceType(HFModel.class);

  private static final long RESYNC_MILLIS = 0;

  private final ModelIndex index = new ModelIndex();
  private final SharedIndexInformer<GenericKubernetesResource> models;
  private final SharedIndexInformer<Namespace> namespaces;

  public ClusterCaches(KubernetesClient client) {
    this.models =
        client
            .genericKubernetesResources(HFMODELS)
            .inAnyNamespace()
            .runnableInformer(RESYNC_MILLIS);
    this.models.addEventHandler(new ModelHandler());
    this.namespaces = client.namespaces().runnableInformer(RESYNC_MILLIS);
  }

  /** Starts both informers without waiting; {@link #ready()} tells when they have synced. */
  public void start() {
    models.start().exceptionally(e -> failed("hfmodels", e));
    namespaces.start().exceptionally(e -> failed("namespaces", e));
  }

  private static Void failed(String what, Throwable e) {
    LOG.warn("informer {} could not start yet: {}", what, e.toString());
    return null;
  }

  public boolean ready() {
    return models.hasSynced() && namespaces.hasSynced();
  }

  public ModelIndex models() {
    return index;
  }

  @Override
  public Map<String, String> labels(String namespace) {
    Namespace ns = namespaces.getStore().getByKey(namespace);
    if (ns == null || ns.getMetadata() == null || ns.getMetadata().getLabels() == null) {
      return Map.of();
    }
    return ns.getMetadata().getLabels();
  }

  @Override
  public void close() {
    models.close();
    namespaces.close();
  }

  private final class ModelHandler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource obj) {
      put(obj);
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
      put(newObj);
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
      index.remove(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    @SuppressWarnings("unchecked")
    private void put(GenericKubernetesResource obj) {
      try {
        Map<String, Object> props = obj.getAdditionalProperties();
        Object spec = props.get("spec");
        Object status = props.get("status");
        index.put(
            HFModelRecords.from(
                obj.getMetadata().getNamespace(),
                obj.getMetadata().getName(),
                obj.getMetadata().getGeneration(),
                spec instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of(),
                status instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of()));
      } catch (RuntimeException e) {
        // Fail closed: a model we cannot read is treated as absent, never as still Available.
        index.remove(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
        LOG.warn(
            "ignoring malformed HFModel {}/{}: {}",
            obj.getMetadata().getNamespace(),
            obj.getMetadata().getName(),
            e.toString());
      }
    }
  }
}
