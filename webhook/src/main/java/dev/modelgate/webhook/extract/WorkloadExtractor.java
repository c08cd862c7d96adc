package dev.modelgate.webhook.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the pod spec(s) inside an admitted object and extracts their model references: Pods, the
 * pod templates of Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and
 * CronJob, and KServe's InferenceService / LLMInferenceService ({@code hf://} storage URIs plus any
 * containers they declare).
 */
public final class WorkloadExtractor {

  /** Kinds this extractor understands, by API group and kind. */
  public enum WorkloadKind {
    POD("", "Pod"),
    REPLICATION_CONTROLLER("", "ReplicationController"),
    DEPLOYMENT("apps", "Deployment"),
    STATEFUL_SET("apps", "StatefulSet"),
    DAEMON_SET("apps", "DaemonSet"),
    REPLICA_SET("apps", "ReplicaSet"),
    JOB("batch", "Job"),
    CRON_JOB("batch", "CronJob"),
    INFERENCE_SERVICE("serving.kserve.io", "InferenceService"),
    LLM_INFERENCE_SERVICE("serving.kserve.io", "LLMInferenceService");

    public final String group;
    public final String kind;

    WorkloadKind(String group, String kind) {
      this.group = group;
      this.kind = kind;
    }

    public static Optional<WorkloadKind> of(String group, String kind) {
      for (WorkloadKind k : values()) {
        if (k.group.equals(group == null ? "" : group) && k.kind.equals(kind)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  private static final String[] KSERVE_COMPONENTS = {"predictor", "transformer", "explainer"};

  private final PodSpecExtractor pods;

  public WorkloadExtractor(PodSpecExtractor pods) {
    this.pods = pods;
  }

  /** As {@link #extract(WorkloadKind, JsonNode, ConfigMapView)} with no ConfigMap access. */
  public List<ModelReference> extract(WorkloadKind kind, JsonNode object) {
    return extract(kind, object, ConfigMapView.NONE);
  }

  /**
   * The model references of {@code object}, an instance of {@code kind}.
   *
   * @param configMaps the ConfigMaps of the object's namespace; each is looked up at most once
   */
  public List<ModelReference> extract(
      WorkloadKind kind, JsonNode object, ConfigMapView configMaps) {
    JsonNode spec = object.path("spec");
    JsonNode annotations = object.path("metadata").path("annotations");
    ConfigMapView cms = configMaps.perRequest(PodSpecExtractor.MAX_CONFIG_MAPS);
    return switch (kind) {
      case POD -> pods.extract(spec, annotations, cms);
      case REPLICATION_CONTROLLER, DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, JOB ->
          template(spec.path("template"), annotations, cms);
      case CRON_JOB ->
          template(spec.path("jobTemplate").path("spec").path("template"), annotations, cms);
      case INFERENCE_SERVICE -> inferenceService(spec, annotations, cms);
      case LLM_INFERENCE_SERVICE -> llmInferenceService(spec, annotations, cms);
    };
  }

  /** A template's own annotations and the workload's both count. */
  private List<ModelReference> template(
      JsonNode template, JsonNode ownerAnnotations, ConfigMapView cms) {
    Map<String, ModelReference> refs = new LinkedHashMap<>();
    PodSpecExtractor.fromAnnotation(ownerAnnotations, refs);
    for (ModelReference r :
        pods.extract(template.path("spec"), template.path("metadata").path("annotations"), cms)) {
      refs.putIfAbsent(r.key(), r);
    }
    return List.copyOf(refs.values());
  }

  private List<ModelReference> inferenceService(
      JsonNode spec, JsonNode annotations, ConfigMapView cms) {
    Map<String, ModelReference> refs = new LinkedHashMap<>();
    PodSpecExtractor.fromAnnotation(annotations, refs);
    for (String component : KSERVE_COMPONENTS) {
      JsonNode c = spec.path(component);
      if (!c.isObject()) continue;
      List<String> uris = new ArrayList<>();
      storageUris(c, uris);
      // Framework blocks (model, huggingface, sklearn, ...) each may carry a storageUri.
      for (Map.Entry<String, JsonNode> f : c.properties()) {
        if (f.getValue().isObject()) storageUris(f.getValue(), uris);
      }
      for (String uri : uris) {
        for (ModelIds.Id id : ModelIds.findAll(uri)) {
          ModelReference r = ModelReference.repo(component, "storageUri", id.repo(), id.revision());
          refs.putIfAbsent(r.key(), r);
        }
      }
      for (ModelReference r : pods.extract(c, null, cms)) refs.putIfAbsent(r.key(), r);
    }
    return List.copyOf(refs.values());
  }

  private List<ModelReference> llmInferenceService(
      JsonNode spec, JsonNode annotations, ConfigMapView cms) {
    Map<String, ModelReference> refs = new LinkedHashMap<>();
    PodSpecExtractor.fromAnnotation(annotations, refs);
    for (ModelIds.Id id : ModelIds.findAll(spec.path("model").path("uri").asText(""))) {
      ModelReference r = ModelReference.repo("model", "model.uri", id.repo(), id.revision());
      refs.putIfAbsent(r.key(), r);
    }
    for (ModelReference r : pods.extract(spec.path("template"), null, cms)) {
      refs.putIfAbsent(r.key(), r);
    }
    return List.copyOf(refs.values());
  }

  private static void storageUris(JsonNode node, List<String> out) {
    JsonNode one = node.get("storageUri");
    if (one != null && one.isTextual()) out.add(one.asText());
    for (JsonNode many : node.path("storageUris")) {
      if (many.isTextual()) out.add(many.asText());
      else if (many.path("uri").isTextual()) out.add(many.path("uri").asText());
    }
  }
}
