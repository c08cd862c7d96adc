package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelStatus;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles HFModels: hands each one to the {@link ModelProcessor}, writes the status when it
 * changed, records an Event when the phase changed. Watches ModelPolicies too: any policy change
 * re-reconciles every HFModel, which re-decides from the cached scan reports without touching the
 * Hub. Implements {@link Cleaner} so a deleted HFModel's files leave the store.
 */
@ControllerConfiguration(name = HFModelReconciler.NAME)
public class HFModelReconciler implements Reconciler<HFModel>, Cleaner<HFModel> {
  /** The controller's name (also its field manager). */
  public static final String NAME = "hfmodel";

  private static final Logger LOG = LoggerFactory.getLogger(HFModelReconciler.class);

  private final KubernetesClient client;
  private final ModelProcessor processor;
  private final StatusWriter writer;
  private final ModelEvents events;
  private final dev.modelgate.operator.store.ModelStore store;
  private volatile InformerEventSource<ModelPolicy, HFModel> policies;

  HFModelReconciler(
      KubernetesClient client,
      ModelProcessor processor,
      StatusWriter writer,
      ModelEvents events,
      dev.modelgate.operator.store.ModelStore store) {
    this.client = client;
    this.processor = processor;
    this.writer = writer;
    this.events = events;
    this.store = store;
  }

  @Override
  public List<EventSource<?, HFModel>> prepareEventSources(EventSourceContext<HFModel> context) {
    // ModelPolicy is cluster-scoped and owns nothing: every change maps to every HFModel. Only
    // what decisions read counts as a change: a policy's own status write (the ModelPolicy
    // controller's Ready/Invalid) would otherwise re-reconcile every HFModel a second time.
    var config =
        InformerEventSourceConfiguration.from(ModelPolicy.class, HFModel.class)
            .withName("modelpolicies")
            .withOnUpdateFilter(HFModelReconciler::changesDecisions)
            .withSecondaryToPrimaryMapper(
                policy ->
                    context
                        .getPrimaryCache()
                        .list()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    policies = new InformerEventSource<>(config, context);
    return List.of(policies);
  }

  /** Whether a ModelPolicy update can change a decision: its spec or its deletion changed. */
  static boolean changesDecisions(ModelPolicy updated, ModelPolicy previous) {
    return !Objects.equals(updated.getSpec(), previous.getSpec())
        || !Objects.equals(
            updated.getMetadata().getDeletionTimestamp(),
            previous.getMetadata().getDeletionTimestamp());
  }

  @Override
  public UpdateControl<HFModel> reconcile(HFModel model, Context<HFModel> context)
      throws InterruptedException {
    HFModelStatus before = model.getStatus();
    HFModelStatus status =
        before == null ? new HFModelStatus() : client.getKubernetesSerialization().clone(before);
    List<ModelPolicy> allPolicies = policies == null ? List.of() : policies.list().toList();
    ModelProcessor.Outcome outcome = processor.process(model, status, allPolicies);
    // The comparison is what keeps a policy edit cheap: a model whose decision did not change
    // costs no request at all.
    if (!Objects.equals(before, outcome.status())) {
      HFModel written = writer.write(model, outcome.status());
      if (written == null) {
        return UpdateControl.noUpdate();
      }
      // Hand JOSDK what we wrote, so a reconcile that starts before the watch delivers our own
      // write compares against it, not against the stale copy (which could skip a needed write).
      context
          .eventSourceRetriever()
          .getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(model), written, model);
      announce(model, before == null ? null : before.getPhase(), outcome.status());
    }
    UpdateControl<HFModel> control = UpdateControl.noUpdate();
    return outcome.requeue() == null ? control : control.rescheduleAfter(outcome.requeue());
  }

  @Override
  public DeleteControl cleanup(HFModel model, Context<HFModel> context) {
    try {
      store.forget(model.getMetadata().getNamespace(), model.getMetadata().getName());
    } catch (java.io.IOException | RuntimeException e) {
      // The store is cleaned best effort; an HFModel must never be stuck on deletion.
      LOG.warn("could not clean the store for {}", model.key(), e);
    }
    processor.forget(model.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }

  /** One Event per phase change, Warning for the outcomes that need a person. */
  private void announce(HFModel model, Phase before, HFModelStatus after) {
    Phase now = after.getPhase();
    if (now == null || now == before || !now.isSettled()) {
      return;
    }
    String reason = now == Phase.Failed ? readyReason(after) : now.name();
    if (now == Phase.Available) {
      events.normal(model, reason, after.getMessage());
    } else {
      events.warning(model, reason, after.getMessage());
    }
  }

  private static String readyReason(HFModelStatus s) {
    var ready = Conditions.find(s.getConditions(), Conditions.READY);
    return ready == null ? "Failed" : ready.getReason();
  }
}
