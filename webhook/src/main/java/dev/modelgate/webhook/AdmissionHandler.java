package dev.modelgate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.webhook.decide.AdmissionDecider;
import dev.modelgate.webhook.decide.Decision;
import dev.modelgate.webhook.decide.EnforcementMode;
import dev.modelgate.webhook.decide.EnforcementPolicy;
import dev.modelgate.webhook.extract.ConfigMapSource;
import dev.modelgate.webhook.extract.ConfigMapView;
import dev.modelgate.webhook.extract.ModelReference;
import dev.modelgate.webhook.extract.WorkloadExtractor;
import dev.modelgate.webhook.extract.WorkloadExtractor.WorkloadKind;
import dev.modelgate.webhook.review.AdmissionRequest;
import dev.modelgate.webhook.validate.ResourceValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes one admission request: workloads go through extraction and the decision; HFModel and
 * ModelPolicy through their validators; everything else is allowed unchanged. Pure apart from the
 * views it is given: the informer caches, and the ConfigMaps of the request's namespace, which the
 * extractor reads only for workloads that reference ConfigMaps.
 */
public final class AdmissionHandler {

  public static final String GROUP = "modelgate.dev";

  private final WorkloadExtractor extractor;
  private final AdmissionDecider decider;
  private final EnforcementPolicy enforcement;
  private final Map<String, ResourceValidator> validators;
  private final ConfigMapSource configMaps;

  /** Without ConfigMap access: a workload that needs a ConfigMap gets a violation. */
  public AdmissionHandler(
      WorkloadExtractor extractor,
      AdmissionDecider decider,
      EnforcementPolicy enforcement,
      Map<String, ResourceValidator> validators) {
    this(extractor, decider, enforcement, validators, ConfigMapSource.NONE);
  }

  /**
   * @param validators by kind within {@link #GROUP}: {@code HFModel}, {@code ModelPolicy}
   * @param configMaps the ConfigMaps workloads take environment variables from
   */
  public AdmissionHandler(
      WorkloadExtractor extractor,
      AdmissionDecider decider,
      EnforcementPolicy enforcement,
      Map<String, ResourceValidator> validators,
      ConfigMapSource configMaps) {
    this.extractor = extractor;
    this.decider = decider;
    this.enforcement = enforcement;
    this.validators = Map.copyOf(validators);
    this.configMaps = configMaps;
  }

  public Decision handle(AdmissionRequest req) {
    if (!req.operation().equals("CREATE") && !req.operation().equals("UPDATE")) {
      return Decision.skip();
    }
    if (req.group().equals(GROUP) && req.subResource().isEmpty()) {
      ResourceValidator validator = validators.get(req.kind());
      return validator == null ? Decision.skip() : validate(req, validator);
    }
    Optional<WorkloadKind> kind = WorkloadKind.of(req.group(), req.kind());
    if (kind.isEmpty() || !coveredSubResource(kind.get(), req.subResource())) {
      return Decision.skip();
    }
    String namespace = namespaceOf(req);
    EnforcementMode mode = enforcement.modeFor(namespace);
    if (mode == EnforcementMode.OFF) return Decision.skip();
    // Objects being deleted must stay editable (finalizers), whatever they reference.
    if (!req.object().path("metadata").path("deletionTimestamp").isMissingNode()) {
      return Decision.skip();
    }
    ConfigMapView cms = configMaps.in(namespace);
    List<ModelReference> refs = extractor.extract(kind.get(), req.object(), cms);
    if (req.operation().equals("UPDATE") && req.oldObject().isObject()) {
      refs = newReferences(refs, extractor.extract(kind.get(), req.oldObject(), cms));
    }
    return decider.decide(namespace, refs, mode);
  }

  /**
   * On UPDATE only references the update adds are judged: an unchanged reference was admitted
   * before, and re-judging it would block label edits and finalizer removal once a model is later
   * quarantined (new pods are still checked when they are created).
   */
  private static List<ModelReference> newReferences(
      List<ModelReference> now, List<ModelReference> before) {
    Set<String> old = new HashSet<>();
    for (ModelReference r : before) old.add(r.key());
    List<ModelReference> added = new ArrayList<>();
    for (ModelReference r : now) if (!old.contains(r.key())) added.add(r);
    return added;
  }

  /**
   * Pods gain containers through {@code pods/ephemeralcontainers}; other sub-resources carry none.
   */
  private static boolean coveredSubResource(WorkloadKind kind, String subResource) {
    return subResource.isEmpty()
        || (kind == WorkloadKind.POD && subResource.equals("ephemeralcontainers"));
  }

  private static String namespaceOf(AdmissionRequest req) {
    if (!req.namespace().isEmpty()) return req.namespace();
    return req.object().path("metadata").path("namespace").asText("default");
  }

  private static Decision validate(AdmissionRequest req, ResourceValidator validator) {
    JsonNode object = req.object();
    List<String> errors = validator.validate(object);
    if (errors.isEmpty()) return Decision.allow();
    StringBuilder sb = new StringBuilder("ModelGate: invalid ").append(req.kind());
    String name = object.path("metadata").path("name").asText(req.name());
    if (!name.isEmpty()) sb.append(' ').append(name);
    sb.append(": ");
    for (int i = 0; i < errors.size() && i < 10; i++)
      sb.append(i == 0 ? "" : "; ").append(errors.get(i));
    String msg = sb.length() > 2048 ? sb.substring(0, 2045) + "..." : sb.toString();
    return Decision.deny(msg);
  }
}
