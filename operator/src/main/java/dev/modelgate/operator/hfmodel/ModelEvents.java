package dev.modelgate.operator.hfmodel;

import dev.modelgate.crds.HFModel;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on HFModels ({@code kubectl describe hfm} shows them). Best effort: an event
 * that cannot be written is logged and dropped; it never fails a reconcile.
 */
final class ModelEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ModelEvents.class);
  static final String COMPONENT = "modelgate-operator";

  private final KubernetesClient client;
  private final Clock clock;

  ModelEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
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
    try {
      client
          .v1()
          .events()
          .inNamespace(ns)
          .resource(
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
                  .build())
          .create();
    } catch (RuntimeException e) {
      LOG.warn("could not record event {} on {}: {}", reason, model.key(), e.toString());
    }
  }
}
