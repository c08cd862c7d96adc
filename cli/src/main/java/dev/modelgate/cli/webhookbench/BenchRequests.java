package dev.modelgate.cli.webhookbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic mix of AdmissionReview bodies, each with the answer the webhook must give: vLLM and
 * TGI pods, a Deployment with a shell wrapper, KServe InferenceServices, a StatefulSet using the
 * annotation, CronJobs, pods with no model and pods naming models that do not exist. Objects carry
 * the fields the API server fills in (defaults, managedFields), so bodies are 3–6 KB as in a
 * cluster.
 */
final class BenchRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request body and whether it must be allowed. */
  record Request(String kind, byte[] body, boolean allowed) {}

  private BenchRequests() {}

  static List<Request> generate(List<BenchCluster.Model> models, int count, long seed) {
    Random random = new Random(seed);
    List<Request> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      BenchCluster.Model m = models.get(random.nextInt(models.size()));
      boolean warn = m.namespace().equals(BenchCluster.WARN_NAMESPACE);
      boolean available = m.phase().equals("Available");
      int pick = random.nextInt(100);
      if (pick < 30) {
        out.add(
            req(
                "Pod",
                "",
                "v1",
                m.namespace(),
                pod(m.namespace(), vllm(m.repo(), random.nextBoolean() ? m.commit() : null)),
                available || warn));
      } else if (pick < 45) {
        out.add(
            req(
                "Pod",
                "",
                "v1",
                m.namespace(),
                pod(m.namespace(), tgi(m.repo(), m.commit())),
                available || warn));
      } else if (pick < 60) {
        out.add(
            req(
                "Deployment",
                "apps",
                "v1",
                m.namespace(),
                template("apps/v1", "Deployment", m.namespace(), shellWrapped(m.repo())),
                available || warn));
      } else if (pick < 70) {
        out.add(
            req(
                "InferenceService",
                "serving.kserve.io",
                "v1beta1",
                m.namespace(),
                inferenceService(m.namespace(), m.repo(), m.commit()),
                available || warn));
      } else if (pick < 80) {
        out.add(req("Pod", "", "v1", m.namespace(), pod(m.namespace(), noModel()), true));
      } else if (pick < 90) {
        String missing = "unknown-org/unvetted-" + random.nextInt(1000);
        out.add(req("Pod", "", "v1", m.namespace(), pod(m.namespace(), vllm(missing, null)), warn));
      } else if (pick < 95) {
        out.add(
            req(
                "CronJob",
                "batch",
                "v1",
                m.namespace(),
                template("batch/v1", "CronJob", m.namespace(), envModel(m.repo())),
                available || warn));
      } else {
        ObjectNode sts = template("apps/v1", "StatefulSet", m.namespace(), noModel());
        String name = "model-" + m.repo().substring(m.repo().lastIndexOf('-') + 1);
        ((ObjectNode) sts.path("metadata"))
            .putObject("annotations")
            .put("modelgate.dev/models", name);
        out.add(req("StatefulSet", "apps", "v1", m.namespace(), sts, available || warn));
      }
    }
    return out;
  }

  private static Request req(
      String kind, String group, String version, String ns, ObjectNode object, boolean allowed) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", "AdmissionReview").put("apiVersion", "admission.k8s.io/v1");
    ObjectNode r = root.putObject("request");
    r.put("uid", UUID.randomUUID().toString());
    r.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    r.putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", kind.toLowerCase() + "s");
    r.set("requestKind", r.get("kind").deepCopy());
    r.set("requestResource", r.get("resource").deepCopy());
    r.put("name", object.path("metadata").path("name").asText());
    r.put("namespace", ns);
    r.put("operation", "CREATE");
    ObjectNode user = r.putObject("userInfo");
    user.put("username", "system:serviceaccount:kube-system:replicaset-controller");
    user.put("uid", UUID.randomUUID().toString());
    user.putArray("groups")
        .add("system:serviceaccounts")
        .add("system:serviceaccounts:kube-system")
        .add("system:authenticated");
    r.set("object", object);
    r.putNull("oldObject");
    r.put("dryRun", false);
    r.putObject("options").put("kind", "CreateOptions").put("apiVersion", "meta.k8s.io/v1");
    return new Request(kind, root.toString().getBytes(StandardCharsets.UTF_8), allowed);
  }

  private static ObjectNode pod(String ns, ArrayNode containers) {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    pod.set("metadata", metadata("llm-" + UUID.randomUUID().toString().substring(0, 8), ns));
    pod.set("spec", podSpec(containers));
    pod.putObject("status").put("phase", "Pending").put("qosClass", "Burstable");
    return pod;
  }

  private static ObjectNode template(
      String apiVersion, String kind, String ns, ArrayNode containers) {
    ObjectNode obj = JSON.createObjectNode();
    obj.put("apiVersion", apiVersion).put("kind", kind);
    obj.set(
        "metadata",
        metadata(kind.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6), ns));
    ObjectNode template = JSON.createObjectNode();
    template.putObject("metadata").putObject("labels").put("app", "llm");
    template.set("spec", podSpec(containers));
    ObjectNode spec = obj.putObject("spec");
    if (kind.equals("CronJob")) {
      spec.put("schedule", "0 3 * * *").put("concurrencyPolicy", "Forbid");
      ((ObjectNode) template.path("spec")).put("restartPolicy", "OnFailure");
      spec.putObject("jobTemplate").putObject("spec").set("template", template);
    } else {
      spec.put("replicas", 2);
      spec.putObject("selector").putObject("matchLabels").put("app", "llm");
      spec.put("revisionHistoryLimit", 10);
      spec.set("template", template);
    }
    return obj;
  }

  private static ObjectNode inferenceService(String ns, String repo, String commit) {
    ObjectNode obj = JSON.createObjectNode();
    obj.put("apiVersion", "serving.kserve.io/v1beta1").put("kind", "InferenceService");
    obj.set("metadata", metadata("isvc-" + UUID.randomUUID().toString().substring(0, 6), ns));
    ObjectNode model = obj.putObject("spec").putObject("predictor").putObject("model");
    model.putObject("modelFormat").put("name", "huggingface");
    model.put("storageUri", "hf://" + repo + ":" + commit);
    model.putArray("args").add("--backend=vllm").add("--max_model_len=4096");
    ObjectNode res = model.putObject("resources");
    res.putObject("limits").put("cpu", "4").put("memory", "16Gi").put("nvidia.com/gpu", "1");
    res.putObject("requests").put("cpu", "2").put("memory", "8Gi");
    return obj;
  }

  private static ObjectNode metadata(String name, String ns) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("name", name).put("namespace", ns).put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", "2026-11-21T23:00:00Z");
    meta.putObject("labels")
        .put("app", "llm")
        .put("app.kubernetes.io/part-of", "inference")
        .put("pod-template-hash", "7d9c6b5f8");
    ObjectNode mf = meta.putArray("managedFields").addObject();
    mf.put("manager", "kube-controller-manager").put("operation", "Update").put("apiVersion", "v1");
    mf.put("time", "2026-11-21T23:00:00Z").put("fieldsType", "FieldsV1");
    ObjectNode f = mf.putObject("fieldsV1").putObject("f:metadata");
    f.putObject("f:labels").putObject("f:app");
    f.putObject("f:ownerReferences").putObject("k:{\"uid\":\"3f1c\"}");
    ObjectNode fs = mf.with("fieldsV1").putObject("f:spec");
    fs.putObject("f:containers").putObject("k:{\"name\":\"server\"}").putObject("f:image");
    fs.putObject("f:dnsPolicy");
    fs.putObject("f:restartPolicy");
    return meta;
  }

  private static ObjectNode podSpec(ArrayNode containers) {
    ObjectNode spec = JSON.createObjectNode();
    spec.putArray("volumes")
        .add(
            vol(
                "dshm",
                JSON.createObjectNode()
                    .set("emptyDir", JSON.createObjectNode().put("medium", "Memory"))))
        .add(
            vol(
                "kube-api-access",
                JSON.createObjectNode()
                    .set("projected", JSON.createObjectNode().put("defaultMode", 420))))
        .add(
            vol(
                "store",
                JSON.createObjectNode()
                    .set(
                        "persistentVolumeClaim",
                        JSON.createObjectNode()
                            .put("claimName", "modelgate-store")
                            .put("readOnly", true))));
    spec.set("containers", containers);
    spec.put("restartPolicy", "Always")
        .put("terminationGracePeriodSeconds", 30)
        .put("dnsPolicy", "ClusterFirst");
    spec.put("serviceAccountName", "default")
        .put("schedulerName", "default-scheduler")
        .put("enableServiceLinks", true);
    spec.putObject("securityContext")
        .put("runAsNonRoot", true)
        .putObject("seccompProfile")
        .put("type", "RuntimeDefault");
    ArrayNode tol = spec.putArray("tolerations");
    tol.addObject()
        .put("key", "node.kubernetes.io/not-ready")
        .put("operator", "Exists")
        .put("effect", "NoExecute")
        .put("tolerationSeconds", 300);
    tol.addObject()
        .put("key", "node.kubernetes.io/unreachable")
        .put("operator", "Exists")
        .put("effect", "NoExecute")
        .put("tolerationSeconds", 300);
    tol.addObject()
        .put("key", "nvidia.com/gpu")
        .put("operator", "Exists")
        .put("effect", "NoSchedule");
    spec.put("priority", 0).put("preemptionPolicy", "PreemptLowerPriority");
    return spec;
  }

  private static ObjectNode vol(String name, ObjectNode source) {
    ObjectNode v = source.deepCopy();
    v.put("name", name);
    return v;
  }

  private static ObjectNode container(String name, String image) {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", name).put("image", image).put("imagePullPolicy", "IfNotPresent");
    c.putArray("ports")
        .addObject()
        .put("name", "http")
        .put("containerPort", 8000)
        .put("protocol", "TCP");
    ObjectNode res = c.putObject("resources");
    res.putObject("limits").put("memory", "24Gi").put("nvidia.com/gpu", "1");
    res.putObject("requests").put("cpu", "4").put("memory", "16Gi");
    ObjectNode probe = c.putObject("readinessProbe");
    probe.putObject("httpGet").put("path", "/health").put("port", 8000).put("scheme", "HTTP");
    probe
        .put("periodSeconds", 10)
        .put("timeoutSeconds", 1)
        .put("successThreshold", 1)
        .put("failureThreshold", 3);
    ArrayNode mounts = c.putArray("volumeMounts");
    mounts.addObject().put("name", "dshm").put("mountPath", "/dev/shm");
    mounts
        .addObject()
        .put("name", "store")
        .put("mountPath", "/models")
        .put("subPath", "hub")
        .put("readOnly", true);
    mounts
        .addObject()
        .put("name", "kube-api-access")
        .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount")
        .put("readOnly", true);
    c.put("terminationMessagePath", "/dev/termination-log").put("terminationMessagePolicy", "File");
    c.putObject("securityContext")
        .put("allowPrivilegeEscalation", false)
        .putObject("capabilities")
        .putArray("drop")
        .add("ALL");
    ArrayNode env = c.putArray("env");
    env.addObject().put("name", "HF_HUB_OFFLINE").put("value", "1");
    env.addObject().put("name", "HF_HUB_CACHE").put("value", "/models");
    env.addObject()
        .put("name", "HF_TOKEN")
        .putObject("valueFrom")
        .putObject("secretKeyRef")
        .put("name", "hf-token")
        .put("key", "token");
    env.addObject()
        .put("name", "POD_IP")
        .putObject("valueFrom")
        .putObject("fieldRef")
        .put("fieldPath", "status.podIP");
    return c;
  }

  private static ArrayNode vllm(String repo, String commit) {
    ObjectNode c = container("vllm", "vllm/vllm-openai:v0.6.3");
    ArrayNode args =
        c.putArray("args")
            .add(repo)
            .add("--dtype")
            .add("bfloat16")
            .add("--max-model-len")
            .add("8192")
            .add("--served-model-name")
            .add("chat");
    if (commit != null) args.add("--revision").add(commit);
    return JSON.createArrayNode().add(c).add(sidecar());
  }

  private static ArrayNode tgi(String repo, String commit) {
    ObjectNode c = container("tgi", "ghcr.io/huggingface/text-generation-inference:2.4.0");
    ((ArrayNode) c.path("env")).addObject().put("name", "MODEL_ID").put("value", repo);
    ((ArrayNode) c.path("env")).addObject().put("name", "REVISION").put("value", commit);
    ((ArrayNode) c.path("env")).addObject().put("name", "MAX_INPUT_TOKENS").put("value", "4000");
    return JSON.createArrayNode().add(c);
  }

  private static ArrayNode shellWrapped(String repo) {
    ObjectNode c = container("server", "python:3.12-slim");
    ((ArrayNode) c.path("env")).addObject().put("name", "MODEL").put("value", repo);
    c.putArray("command")
        .add("/bin/sh")
        .add("-ec")
        .add(
            "pip list >/dev/null; exec python -m vllm.entrypoints.openai.api_server --model \"$MODEL\" --port 8000 --tensor-parallel-size 1");
    return JSON.createArrayNode().add(c).add(sidecar());
  }

  private static ArrayNode envModel(String repo) {
    ObjectNode c = container("eval", "ghcr.io/example/eval:1.2");
    ((ArrayNode) c.path("env")).addObject().put("name", "HF_MODEL_ID").put("value", repo);
    c.putArray("args").add("--tasks").add("hellaswag").add("--batch-size").add("8");
    return JSON.createArrayNode().add(c);
  }

  private static ArrayNode noModel() {
    ObjectNode c = container("web", "nginx:1.27");
    c.putArray("args").add("nginx").add("-g").add("daemon off;");
    return JSON.createArrayNode().add(c).add(sidecar());
  }

  private static ObjectNode sidecar() {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", "metrics")
        .put("image", "prom/statsd-exporter:v0.27.1")
        .put("imagePullPolicy", "IfNotPresent");
    c.putArray("args").add("--statsd.listen-udp=:9125").add("--web.listen-address=:9102");
    c.putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "32Mi");
    return c;
  }
}
