package dev.modelgate.webhook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.UUID;

/**
 * AdmissionReview v1 bodies shaped as kube-apiserver sends them (kind/resource/requestKind,
 * userInfo, options, dryRun), and the workloads that embed a pod spec.
 */
public final class Reviews {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Reviews() {}

  /** A JSON literal written with single quotes for readability. */
  public static JsonNode json(String singleQuoted) {
    try {
      return JSON.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String review(
      String group,
      String version,
      String kind,
      String namespace,
      String operation,
      JsonNode object,
      JsonNode oldObject,
      boolean dryRun) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", "AdmissionReview");
    root.put("apiVersion", "admission.k8s.io/v1");
    ObjectNode req = root.putObject("request");
    req.put("uid", UUID.randomUUID().toString());
    ObjectNode gvk = req.putObject("kind");
    gvk.put("group", group).put("version", version).put("kind", kind);
    ObjectNode gvr = req.putObject("resource");
    gvr.put("group", group)
        .put("version", version)
        .put("resource", kind.toLowerCase(Locale.ROOT) + "s");
    req.set("requestKind", gvk.deepCopy());
    req.set("requestResource", gvr.deepCopy());
    req.put("name", object.path("metadata").path("name").asText(""));
    if (namespace != null) req.put("namespace", namespace);
    req.put("operation", operation);
    ObjectNode user = req.putObject("userInfo");
    user.put("username", "kubernetes-admin");
    user.putArray("groups").add("system:masters").add("system:authenticated");
    req.set("object", object);
    req.set("oldObject", oldObject == null ? JSON.nullNode() : oldObject);
    req.put("dryRun", dryRun);
    ObjectNode options = req.putObject("options");
    options.put("kind", operation.equals("CREATE") ? "CreateOptions" : "UpdateOptions");
    options.put("apiVersion", "meta.k8s.io/v1");
    options.put("fieldManager", "kubectl-client-side-apply");
    return root.toString();
  }

  /** A Pod in {@code namespace} with {@code podSpec} and optional annotations. */
  public static ObjectNode pod(String namespace, JsonNode podSpec, JsonNode annotations) {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("name", "p-" + UUID.randomUUID().toString().substring(0, 8))
        .put("namespace", namespace);
    if (annotations != null) meta.set("annotations", annotations);
    pod.set("spec", podSpec);
    return pod;
  }

  /** A workload of {@code kind} whose pod template has {@code podSpec}. */
  public static ObjectNode workload(
      String apiVersion, String kind, String namespace, JsonNode podSpec) {
    ObjectNode obj = JSON.createObjectNode();
    obj.put("apiVersion", apiVersion).put("kind", kind);
    obj.putObject("metadata")
        .put("name", kind.toLowerCase(Locale.ROOT) + "-1")
        .put("namespace", namespace);
    ObjectNode template = JSON.createObjectNode();
    template.putObject("metadata").putObject("labels").put("app", "m");
    template.set("spec", podSpec);
    ObjectNode spec = obj.putObject("spec");
    if (kind.equals("CronJob")) {
      spec.put("schedule", "*/5 * * * *");
      spec.putObject("jobTemplate").putObject("spec").set("template", template);
    } else {
      if (!kind.equals("Job")) spec.putObject("selector").putObject("matchLabels").put("app", "m");
      spec.set("template", template);
    }
    return obj;
  }
}
