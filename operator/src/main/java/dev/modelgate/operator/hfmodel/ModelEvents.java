package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.HFModel;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on HFModels ({@code kubectl describe hfm} shows them). Best effort, like
 * client-go's event recorder: events are posted on their own bounded pool, so a reconcile never
 * waits for one (after a policy edit the status write is the only request on the reconcile's path);
 * an event that cannot be written, or finds the pool's queue full, is logged and dropped.
 */
final class ModelEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ModelEvents.class);
  static final String COMPONENT = "modelgate-operator";

  private final KubernetesClient client;
  private final Clock clock;
  private final Executor poster;

  /**
   * @param poster where events are posted; it may reject work (a full queue), which drops the event
   */
  ModelEvents(KubernetesClient client, Clock clock, Executor poster) {
    this.client = client;
    this.clock = clock;
    this.poster = poster;
  }

  void normal(HFModel model, String reason, String message) {
    emit(model, "Normal", reason, message);
  }

  void warning(HFModel model, String reason, String message) {
    emit(model, "Warning", reason, message);
  }

  private void emit(HFModel model, String type, String reason, String message) {
    String ns = model.getMetadata().getNamespace();
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(
                model.getMetadata().getName()
                    + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1))
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(model.getApiVersion())
                    .withKind(model.getKind())
                    .withNamespace(ns)
                    .withName(model.getMetadata().getName())
                    .withUid(model.getMetadata().getUid())
                    .withResourceVersion(model.getMetadata().getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(Conditions.truncate(message))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .build();
    try {
      poster.execute(() -> post(event, model.key()));
    } catch (RejectedExecutionException e) {
      LOG.warn("dropped event {} on {}: too many events waiting", reason, model.key());
    }
  }

  private void post(Event event, String key) {
    try {
      client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
    } catch (RuntimeException e) {
      LOG.warn("could not record event {} on {}: {}", event.getReason(), key, e.toString());
    }
  }
}
