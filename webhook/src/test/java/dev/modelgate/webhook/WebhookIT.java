package dev.modelgate.webhook;

import static dev.modelgate.webhook.testing.Reviews.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgate.mockcluster.MockCluster;
import dev.modelgate.webhook.decide.EnforcementMode;
import dev.modelgate.webhook.decide.MissingModelPolicy;
import dev.modelgate.webhook.testing.Reviews;
import dev.modelgate.webhook.tls.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook over real HTTPS on loopback, its informers fed by the Fabric8 CRUD mock, answering
 * AdmissionReview v1 bodies shaped as kube-apiserver sends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIT {

  static final String GOOD_SHA = "1111111111111111111111111111111111111111";
  static final String BAD_SHA = "2222222222222222222222222222222222222222";
  static final String ML = "ml";

  Path tmp;

  MockCluster cluster;
  Webhook webhook;
  HttpClient http;
  SelfSignedCertificate.Pair first;
  SelfSignedCertificate.Pair second;
  Path certFile;
  Path keyFile;

  @BeforeAll
  void start() throws Exception {
    tmp = Files.createTempDirectory("webhook-it");
    first = SelfSignedCertificate.generate(tmp, "first", "EC");
    second = SelfSignedCertificate.generate(tmp, "second", "RSA");
    certFile = tmp.resolve("tls.crt");
    keyFile = tmp.resolve("tls.key");
    Files.copy(first.certFile(), certFile);
    Files.copy(first.keyFile(), keyFile);

    cluster = new MockCluster();
    cluster.namespace(ML, Map.of());
    cluster.namespace("ml-warn", Map.of(EnforcementMode.LABEL, "warn"));
    cluster.namespace("ml-off", Map.of(EnforcementMode.LABEL, "off"));
    cluster.namespace("ml-typo", Map.of(EnforcementMode.LABEL, "enforcee"));
    cluster.namespace("kube-system", Map.of());
    cluster.hfModel(ML, "good", "org/good", null, status("Available", GOOD_SHA, List.of()));
    cluster.hfModel(
        ML,
        "smollm",
        "HuggingFaceTB/SmolLM-135M",
        "v1.0",
        status("Available", GOOD_SHA, List.of()));
    cluster.hfModel(
        ML,
        "bad",
        "org/bad",
        null,
        status(
            "Quarantined", BAD_SHA, List.of("hub scan says UNSAFE", "pickle imports os.system")));
    Map<String, Object> failed = status("Failed", null, List.of());
    failed.put(
        "conditions",
        List.of(
            Map.of(
                "type",
                "Ready",
                "status",
                "False",
                "reason",
                "DownloadFailed",
                "message",
                "sha256 mismatch for model.bin")));
    cluster.hfModel(ML, "broken", "org/broken", null, failed);
    cluster.hfModel(
        "ml-warn", "bad", "org/bad", null, status("Quarantined", BAD_SHA, List.of("unsafe")));

    webhook =
        new Webhook(
            new Webhook.Config(
                certFile,
                keyFile,
                "127.0.0.1",
                0,
                EnforcementMode.ENFORCE,
                Set.of("kube-system"),
                MissingModelPolicy.DENY,
                Set.of("modelgate-store"),
                64 * 1024,
                16,
                Duration.ofMillis(200)),
            cluster.client());
    webhook.start();
    http = client(first.certificate(), second.certificate());
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> webhook.ready());
  }

  @AfterAll
  void stop() {
    if (webhook != null) webhook.close();
    if (cluster != null) cluster.close();
    try (Stream<Path> files = Files.walk(tmp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // best effort
    }
  }

  static HttpClient client(X509Certificate... trusted) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(SelfSignedCertificate.trusting(trusted))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/validate"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + webhook.port() + path);
  }

  /** Posts a review and returns its {@code response}, checking the envelope. */
  JsonNode admit(String review) throws Exception {
    HttpResponse<String> r = post(review);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode root = Reviews.JSON.readTree(r.body());
    assertThat(root.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(root.path("kind").asText()).isEqualTo("AdmissionReview");
    String uid = Reviews.JSON.readTree(review).path("request").path("uid").asText();
    assertThat(root.path("response").path("uid").asText()).isEqualTo(uid);
    return root.path("response");
  }

  JsonNode admitPod(String namespace, JsonNode podSpec) throws Exception {
    return admitPod(namespace, podSpec, null);
  }

  JsonNode admitPod(String namespace, JsonNode podSpec, JsonNode annotations) throws Exception {
    return admitCreate("", "v1", "Pod", namespace, Reviews.pod(namespace, podSpec, annotations));
  }

  /** Posts a CREATE review (not a dry run) of {@code object} and returns its response. */
  JsonNode admitCreate(String group, String version, String kind, String namespace, JsonNode object)
      throws Exception {
    return admit(Reviews.review(group, version, kind, namespace, "CREATE", object, null, false));
  }

  /** Asserts that the response allows the request, and returns it. */
  static JsonNode assertAllowed(JsonNode response) {
    assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
    return response;
  }

  /**
   * Asserts that the response denies the request, and returns an assertion on its status message
   * for the test to say what the message must name.
   */
  static AbstractStringAssert<?> assertDenied(JsonNode response) {
    assertThat(response.path("allowed").asBoolean()).as(response.toString()).isFalse();
    return assertThat(response.path("status").path("message").asText());
  }

  static JsonNode container(String model) {
    return json(
        "{'containers':[{'name':'vllm','image':'vllm/vllm-openai:v0.6.0','args':['--model','"
            + model
            + "']}]}");
  }

  // ---- decisions by phase ----

  @Test
  void availableModelIsAllowed() throws Exception {
    JsonNode r = admitPod(ML, container("org/good"));
    assertAllowed(r);
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void quarantinedModelIsDeniedWithContainerPhaseAndReasons() throws Exception {
    JsonNode r = admitPod(ML, container("org/bad"));
    assertDenied(r);
    assertThat(r.path("status").path("code").asInt()).isEqualTo(403);
    String msg = r.path("status").path("message").asText();
    assertThat(msg)
        .contains(
            "container \"vllm\"",
            "org/bad",
            "arg --model",
            "Quarantined",
            "HFModel bad",
            "hub scan says UNSAFE",
            "pickle imports os.system")
        .hasSizeLessThan(1024);
  }

  @Test
  void failedModelIsDeniedWithConditionMessage() throws Exception {
    JsonNode r = admitPod(ML, container("org/broken"));
    assertDenied(r).contains("is Failed", "sha256 mismatch for model.bin");
  }

  @Test
  void missingModelIsDenied() throws Exception {
    JsonNode r = admitPod(ML, container("org/unknown"));
    assertDenied(r).contains("org/unknown", "has no HFModel in namespace ml");
  }

  @Test
  void everyOffendingContainerIsNamed() throws Exception {
    JsonNode spec =
        json(
            "{'initContainers':[{'name':'fetch','env':[{'name':'HF_MODEL_ID','value':'org/broken'}]}],"
                + "'containers':[{'name':'vllm','command':['vllm','serve','org/bad']},{'name':'side','args':['--model','org/good']}]}");
    JsonNode r = admitPod(ML, spec);
    String msg = r.path("status").path("message").asText();
    assertDenied(r);
    assertThat(msg)
        .startsWith("ModelGate: 2 model references are not allowed")
        .contains("\"fetch\"", "\"vllm\"")
        .doesNotContain("\"side\"");
  }

  // ---- revisions ----

  @Test
  void revisionMustMatchTheApprovedCommit() throws Exception {
    JsonNode ok =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','args':['--model','org/good','--revision','"
                    + GOOD_SHA
                    + "']}]}"));
    assertAllowed(ok);
    JsonNode prefix =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','args':['--model','org/good','--revision','1111111']}]}"));
    assertAllowed(prefix);
    JsonNode wrong =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','args':['--model','org/good','--revision','"
                    + BAD_SHA
                    + "']}]}"));
    assertDenied(wrong).contains("does not match the approved commit 111111111111");
    JsonNode tag =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','args':['--model','HuggingFaceTB/SmolLM-135M','--revision','v1.0']}]}"));
    assertAllowed(tag);
    JsonNode otherTag =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','env':[{'name':'STORAGE_URI','value':'hf://HuggingFaceTB/SmolLM-135M:v2.0'}]}]}"));
    assertDenied(otherTag);
  }

  // ---- every reference form ----

  static Stream<Arguments> referenceForms() {
    String sha = BAD_SHA;
    return Stream.of(
        Arguments.of(
            "vllm positional",
            "{'containers':[{'name':'c','command':['vllm','serve','org/bad']}]}"),
        Arguments.of(
            "vllm image args",
            "{'containers':[{'name':'c','image':'vllm/vllm-openai:latest','args':['org/bad']}]}"),
        Arguments.of("--model", "{'containers':[{'name':'c','args':['--model=org/bad']}]}"),
        Arguments.of("--model-id", "{'containers':[{'name':'c','args':['--model-id','org/bad']}]}"),
        Arguments.of(
            "--model_name_or_path",
            "{'containers':[{'name':'c','args':['--model_name_or_path','org/bad']}]}"),
        Arguments.of(
            "HF_MODEL_ID",
            "{'containers':[{'name':'c','env':[{'name':'HF_MODEL_ID','value':'org/bad'}]}]}"),
        Arguments.of(
            "MODEL_ID",
            "{'containers':[{'name':'c','env':[{'name':'MODEL_ID','value':'org/bad'}]}]}"),
        Arguments.of(
            "MODEL_NAME",
            "{'containers':[{'name':'c','env':[{'name':'MODEL_NAME','value':'org/bad'}]}]}"),
        Arguments.of(
            "$(VAR)",
            "{'containers':[{'name':'c','env':[{'name':'M','value':'org/bad'}],'args':['--model','$(M)']}]}"),
        Arguments.of(
            "sh -c",
            "{'containers':[{'name':'c','command':['sh','-c','cd /app && python -m x --model  org/bad && echo done']}]}"),
        Arguments.of("hf://", "{'containers':[{'name':'c','args':['--storage','hf://org/bad']}]}"),
        Arguments.of(
            "https://huggingface.co",
            "{'containers':[{'name':'c','env':[{'name':'U','value':'https://huggingface.co/org/bad/resolve/main/model.bin'}]}]}"),
        Arguments.of(
            "hf.co",
            "{'containers':[{'name':'c','command':['ollama','pull','hf.co/org/bad:Q4_K_M']}]}"),
        Arguments.of(
            "cache path",
            "{'containers':[{'name':'c','args':['--model','/cache/hub/models--org--bad/snapshots/"
                + sha
                + "']}]}"),
        Arguments.of(
            "store mount",
            "{'volumes':[{'name':'s','persistentVolumeClaim':{'claimName':'modelgate-store'}}],'containers':[{'name':'c','volumeMounts':[{'name':'s','mountPath':'/m','subPath':'hub/models--org--bad'}]}]}"),
        Arguments.of(
            "init container",
            "{'initContainers':[{'name':'c','args':['--model','org/bad']}],'containers':[{'name':'main'}]}"),
        Arguments.of(
            "ephemeral container",
            "{'containers':[{'name':'main'}],'ephemeralContainers':[{'name':'c','args':['--model','org/bad']}]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceForms")
  void everyReferenceFormIsFound(String form, String spec) throws Exception {
    JsonNode r = admitPod(ML, json(spec));
    assertDenied(r).as(form).contains("\"c\"", "org/bad", "Quarantined");
  }

  @Test
  void annotationNamesAnHFModel() throws Exception {
    JsonNode ok =
        admitPod(
            ML,
            json("{'containers':[{'name':'c'}]}"),
            json("{'modelgate.dev/models':'smollm,good'}"));
    assertAllowed(ok);
    JsonNode bad =
        admitPod(
            ML,
            json("{'containers':[{'name':'c'}]}"),
            json("{'modelgate.dev/models':'smollm, bad, nope'}"));
    assertDenied(bad)
        .contains("bad (annotation) is Quarantined", "nope (annotation) has no HFModel");
  }

  @Test
  void storeStagingMountIsDenied() throws Exception {
    JsonNode r =
        admitPod(
            ML,
            json(
                "{'volumes':[{'name':'s','persistentVolumeClaim':{'claimName':'modelgate-store'}}],'containers':[{'name':'c','volumeMounts':[{'name':'s','mountPath':'/m','subPath':'staging'}]}]}"));
    assertDenied(r).contains("outside the model store's shared cache");
  }

  // ---- every kind ----

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("apps", "v1", "Deployment"),
        Arguments.of("apps", "v1", "StatefulSet"),
        Arguments.of("apps", "v1", "DaemonSet"),
        Arguments.of("apps", "v1", "ReplicaSet"),
        Arguments.of("batch", "v1", "Job"),
        Arguments.of("batch", "v1", "CronJob"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("kinds")
  void podTemplatesOfEveryKindAreChecked(String group, String version, String kind)
      throws Exception {
    ObjectNode bad = Reviews.workload(group + "/" + version, kind, ML, container("org/bad"));
    assertDenied(admitCreate(group, version, kind, ML, bad)).as(kind).contains("Quarantined");
    ObjectNode good = Reviews.workload(group + "/" + version, kind, ML, container("org/good"));
    assertAllowed(admitCreate(group, version, kind, ML, good));
  }

  @Test
  void inferenceServiceStorageUri() throws Exception {
    JsonNode isvc =
        json(
            "{'apiVersion':'serving.kserve.io/v1beta1','kind':'InferenceService','metadata':{'name':'llm','namespace':'ml'},"
                + "'spec':{'predictor':{'model':{'modelFormat':{'name':'huggingface'},'storageUri':'hf://org/bad:"
                + BAD_SHA
                + "'}}}}");
    JsonNode r = admitCreate("serving.kserve.io", "v1beta1", "InferenceService", ML, isvc);
    assertDenied(r).contains("container \"predictor\"", "storageUri", "Quarantined");
    JsonNode good =
        json(
            "{'metadata':{'name':'llm','namespace':'ml'},'spec':{'predictor':{'model':{'storageUri':'hf://org/good'}}}}");
    assertAllowed(admitCreate("serving.kserve.io", "v1beta1", "InferenceService", ML, good));
  }

  @Test
  void unknownKindsAreAllowedUnchanged() throws Exception {
    JsonNode cm =
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','namespace':'ml'},'data':{'m':'--model org/bad'}}");
    JsonNode r = admitCreate("", "v1", "ConfigMap", ML, cm);
    assertAllowed(r);
    assertThat(r.has("patch")).isFalse();
    assertThat(r.has("warnings")).isFalse();
  }

  // ---- modes ----

  @Test
  void warnModeAllowsWithWarnings() throws Exception {
    JsonNode r = admitPod("ml-warn", container("org/bad"));
    assertAllowed(r);
    assertThat(r.path("warnings")).hasSize(1);
    assertThat(r.path("warnings").get(0).asText())
        .contains("\"vllm\"", "org/bad", "Quarantined", "unsafe")
        .hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void offModeAndExemptNamespacesAllowEverything() throws Exception {
    for (String ns : List.of("ml-off", "kube-system")) {
      JsonNode r = admitPod(ns, container("org/unknown-anywhere"));
      assertAllowed(r);
      assertThat(r.has("warnings")).as(ns).isFalse();
    }
  }

  @Test
  void unknownLabelValueEnforces() throws Exception {
    assertDenied(admitPod("ml-typo", container("org/unknown")));
  }

  @Test
  void dryRunIsAnsweredTheSameWay() throws Exception {
    ObjectNode pod = Reviews.pod(ML, container("org/bad"), null);
    JsonNode r = admit(Reviews.review("", "v1", "Pod", ML, "CREATE", pod, null, true));
    assertDenied(r).contains("Quarantined");
  }

  @Test
  void updatesAreJudgedOnTheReferencesTheyAdd() throws Exception {
    ObjectNode old = Reviews.workload("apps/v1", "Deployment", ML, container("org/bad"));
    ObjectNode relabelled = old.deepCopy();
    ((ObjectNode) relabelled.path("metadata")).putObject("labels").put("team", "a");
    JsonNode same =
        admit(Reviews.review("apps", "v1", "Deployment", ML, "UPDATE", relabelled, old, false));
    assertAllowed(same);
    ObjectNode changed = Reviews.workload("apps/v1", "Deployment", ML, container("org/broken"));
    assertDenied(
        admit(Reviews.review("apps", "v1", "Deployment", ML, "UPDATE", changed, old, false)));
  }

  @Test
  void informerChangesReachTheDecision() throws Exception {
    cluster.hfModel(ML, "flip", "org/flip", null, status("Available", GOOD_SHA, List.of()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admitPod(ML, container("org/flip")).path("allowed").asBoolean());
    cluster.setStatus(
        cluster.get(ML, "flip"), status("Quarantined", GOOD_SHA, List.of("re-evaluated: unsafe")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !admitPod(ML, container("org/flip")).path("allowed").asBoolean());
    assertThat(admitPod(ML, container("org/flip")).path("status").path("message").asText())
        .contains("re-evaluated: unsafe");
  }

  // ---- HFModel / ModelPolicy validation ----

  @Test
  void modelPolicyAndHFModelAreValidatedWithTheOperatorsRules() throws Exception {
    JsonNode wrongType =
        json("{'metadata':{'name':'p'},'spec':{'precedence':'high','rego':'package x'}}");
    JsonNode r1 = admitPolicy(wrongType);
    assertDenied(r1)
        .contains("invalid ModelPolicy p", "spec.precedence: 'high' is not a valid Integer");
    JsonNode badEnum =
        json(
            "{'metadata':{'name':'p'},'spec':{'rego':'package x','actions':[{'type':'SetState','state':'Deleted'}]}}");
    assertThat(admitPolicy(badEnum).path("status").path("message").asText())
        .contains("spec.actions[0].state: 'Deleted' is not a valid State");
    JsonNode missing = json("{'metadata':{'name':'p'},'spec':{'actions':[{'type':'SetState'}]}}");
    assertThat(admitPolicy(missing).path("status").path("message").asText())
        .contains("spec.rego: is required", "spec.actions[0].state");
    JsonNode goodPolicy =
        json(
            "{'metadata':{'name':'p'},'spec':{'precedence':1,'rego':'package cloudsmith\\ndefault match := false','actions':[{'type':'AddTags','tags':['x']}]}}");
    assertAllowed(admitPolicy(goodPolicy));
    // Broken Rego is rejected at apply time with file:line:col, by the operator's own compiler.
    JsonNode parseError =
        json("{'metadata':{'name':'broken'},'spec':{'rego':'package cloudsmith\\n\\nmatch if {'}}");
    JsonNode pe = admitPolicy(parseError);
    assertDenied(pe).contains("invalid ModelPolicy broken", "broken.rego:3:", "rego_parse_error");
    JsonNode unsafe =
        json(
            "{'metadata':{'name':'unsafe'},'spec':{'rego':'package cloudsmith\\nmatch if { x }'}}");
    assertThat(admitPolicy(unsafe).path("status").path("message").asText())
        .contains("unsafe.rego:2:", "rego_unsafe_var_error");
    JsonNode badModel =
        json(
            "{'metadata':{'name':'m','namespace':'ml'},'spec':{'repo':'not a repo','revision':'../x'}}");
    JsonNode m = admitCreate("modelgate.dev", "v1alpha1", "HFModel", ML, badModel);
    assertDenied(m)
        .contains("invalid HFModel m", "spec.repo", "is not a Hub repo id", "spec.revision");
    JsonNode goodModel =
        json(
            "{'metadata':{'name':'m','namespace':'ml'},'spec':{'repo':'org/name','revision':'main','maxTotalSize':'200Gi'}}");
    assertAllowed(admitCreate("modelgate.dev", "v1alpha1", "HFModel", ML, goodModel));
  }

  JsonNode admitPolicy(JsonNode policy) throws Exception {
    return admitCreate("modelgate.dev", "v1alpha1", "ModelPolicy", null, policy);
  }

  // ---- transport ----

  @Test
  void malformedRequestsGet400WithAMessage() throws Exception {
    Map<String, String> cases =
        Map.of(
            "not json {",
            "not valid JSON",
            "[1,2]",
            "must be a JSON object",
            "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{}}",
            "apiVersion must be admission.k8s.io/v1",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
            "request is missing",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"kind\":{\"kind\":\"Pod\"},\"operation\":\"CREATE\"}}",
            "request.uid",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"kind\":{\"kind\":\"Pod\"},\"operation\":\"CREATE\",\"object\":\"x\"}}",
            "request.object must be an object",
            "",
            "empty body",
            "[".repeat(5000),
            "not valid JSON");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = post(c.getKey());
      assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
      assertThat(r.body())
          .as(c.getKey())
          .contains(c.getValue())
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void oversizedBodiesGet413() throws Exception {
    ObjectNode pod = Reviews.pod(ML, container("org/good"), null);
    ((ObjectNode) pod.path("metadata")).putObject("annotations").put("big", "x".repeat(70 * 1024));
    HttpResponse<String> r = post(Reviews.review("", "v1", "Pod", ML, "CREATE", pod, null, false));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("larger than 65536 bytes");
  }

  @Test
  void otherMethodsAndPathsAreNotServerErrors() throws Exception {
    assertThat(get("/validate").statusCode()).isBetween(400, 499);
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsCountDecisionsByResultAndKind() throws Exception {
    admitPod(ML, container("org/bad"));
    admitPod(ML, container("org/good"));
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("modelgate_webhook_decisions_total{kind=\"Pod\",result=\"denied\"}")
        .contains("modelgate_webhook_decisions_total{kind=\"Pod\",result=\"allowed\"}")
        .contains("modelgate_webhook_request_duration_seconds_bucket")
        .contains("modelgate_webhook_cached_hfmodels");
  }

  // ---- TLS ----

  @Test
  void servesTls12Or13AndReloadsRotatedCertificates() throws Exception {
    HttpResponse<String> before = get("/healthz");
    assertThat(before.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(
            ((X509Certificate) before.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=first");
    // Rotate like a Secret volume update: write new files, then swap them in.
    Path newCert = tmp.resolve("new.crt");
    Path newKey = tmp.resolve("new.key");
    Files.copy(second.certFile(), newCert);
    Files.copy(second.keyFile(), newKey);
    Files.move(
        newKey, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(
        newCert, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              HttpClient fresh = client(first.certificate(), second.certificate());
              HttpResponse<String> r =
                  fresh.send(
                      HttpRequest.newBuilder(uri("/healthz")).build(),
                      HttpResponse.BodyHandlers.ofString());
              String cn =
                  ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0])
                      .getSubjectX500Principal()
                      .getName();
              return cn.equals("CN=second");
            });
    assertAllowed(admitPod(ML, container("org/good")));
  }

  // ---- environment from ConfigMaps (and Secrets, which are never read) ----

  void configMap(String namespace, String name, Map<String, String> data) {
    cluster
        .client()
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  double configMapCache(String counter) {
    return webhook
        .metrics()
        .registry()
        .get("modelgate.webhook.configmap.cache." + counter)
        .counter()
        .count();
  }

  @Test
  void quarantinedModelHiddenInAnEnvFromConfigMapIsDenied() throws Exception {
    configMap(ML, "env-bad", Map.of("HF_MODEL_ID", "org/bad"));
    JsonNode r =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'tgi','image':'ghcr.io/huggingface/text-generation-inference',"
                    + "'envFrom':[{'configMapRef':{'name':'env-bad'}}]}]}"));
    assertDenied(r)
        .contains(
            "container \"tgi\"",
            "org/bad",
            "env HF_MODEL_ID from ConfigMap env-bad",
            "Quarantined");
    // A Deployment's template is read the same way.
    JsonNode d =
        admitCreate(
            "apps",
            "v1",
            "Deployment",
            ML,
            Reviews.workload(
                "apps/v1",
                "Deployment",
                ML,
                json(
                    "{'containers':[{'name':'c','envFrom':[{'prefix':'HF_',"
                        + "'configMapRef':{'name':'env-bad'}}],"
                        + "'env':[{'name':'MODEL_ID','value':'$(HF_HF_MODEL_ID)'}]}]}")));
    assertDenied(d).contains("org/bad", "env MODEL_ID");
  }

  @Test
  void configMapKeyRefAndDollarParenFromAConfigMapAreDenied() throws Exception {
    configMap(ML, "models", Map.of("served", "org/bad", "fine", "org/good"));
    JsonNode keyRef =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','env':[{'name':'HF_MODEL_ID','valueFrom':"
                    + "{'configMapKeyRef':{'name':'models','key':'served'}}}]}]}"));
    assertDenied(keyRef).contains("org/bad", "env HF_MODEL_ID", "Quarantined");
    JsonNode args =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'vllm','image':'vllm/vllm-openai:v0.6.0',"
                    + "'env':[{'name':'M','valueFrom':{'configMapKeyRef':{'name':'models','key':'served'}}}],"
                    + "'args':['--model','$(M)']}]}"));
    assertDenied(args).contains("org/bad", "arg --model");
    JsonNode fine =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'vllm','image':'vllm/vllm-openai:v0.6.0',"
                    + "'env':[{'name':'M','valueFrom':{'configMapKeyRef':{'name':'models','key':'fine'}}}],"
                    + "'args':['--model','$(M)']}]}"));
    assertAllowed(fine);
  }

  @Test
  void configMapNamingAnAvailableModelIsAllowed() throws Exception {
    configMap(ML, "env-good", Map.of("HF_MODEL_ID", "org/good", "LOG_LEVEL", "info"));
    JsonNode r =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'env-good'}},"
                    + "{'configMapRef':{'name':'not-there','optional':true}}]}]}"));
    assertAllowed(r);
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void aRequiredConfigMapThatDoesNotExistIsDenied() throws Exception {
    JsonNode r =
        admitPod(
            ML,
            json(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'created-later'}}]}]}"));
    assertDenied(r)
        .contains(
            "container \"c\": uses ConfigMap created-later, which does not exist yet,"
                + " so ModelGate cannot check its model references");
    // Once it exists (and names an Available model) the same pod is admitted within seconds.
    configMap(ML, "created-later", Map.of("HF_MODEL_ID", "org/good"));
    JsonNode spec =
        json("{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'created-later'}}]}]}");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> admitPod(ML, spec).path("allowed").asBoolean());
  }

  @Test
  void modelFromASecretIsDeniedInEnforceAndWarnedInWarn() throws Exception {
    JsonNode spec =
        json(
            "{'containers':[{'name':'c','env':[{'name':'HF_MODEL_ID','valueFrom':"
                + "{'secretKeyRef':{'name':'model-secret','key':'id'}}}]}]}");
    JsonNode denied = admitPod(ML, spec);
    assertDenied(denied)
        .contains("reads HF_MODEL_ID from Secret model-secret, which ModelGate cannot check");
    JsonNode warned = admitPod("ml-warn", spec);
    assertAllowed(warned);
    assertThat(warned.path("warnings").toString())
        .contains("reads HF_MODEL_ID from Secret model-secret, which ModelGate cannot check");
  }

  @Test
  void aSecondAdmissionIsServedFromTheConfigMapCache() throws Exception {
    configMap(ML, "cached", Map.of("MODEL_ID", "org/good"));
    JsonNode spec =
        json("{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'cached'}}]}]}");
    double hits = configMapCache("hits");
    double misses = configMapCache("misses");
    assertAllowed(admitPod(ML, spec));
    assertThat(configMapCache("misses")).isEqualTo(misses + 1);
    // Gone from the API server, the cached copy still answers within the TTL: no second GET.
    cluster.client().configMaps().inNamespace(ML).withName("cached").delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> cluster.client().configMaps().inNamespace(ML).withName("cached").get() == null);
    assertAllowed(admitPod(ML, spec));
    assertThat(configMapCache("hits")).isEqualTo(hits + 1);
    assertThat(configMapCache("misses")).isEqualTo(misses + 1);
    assertThat(get("/metrics").body())
        .contains(
            "modelgate_webhook_configmap_cache_hits_total",
            "modelgate_webhook_configmap_cache_misses_total",
            "modelgate_webhook_configmap_cache_errors_total");
  }

  /** An HFModel status with a phase, an optional resolved revision and matched-policy reasons. */
  static Map<String, Object> status(String phase, String sha, List<String> reasons) {
    Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("phase", phase);
    if (sha != null) s.put("resolvedRevision", sha);
    if (!reasons.isEmpty()) {
      s.put(
          "decisions",
          List.of(
              Map.of(
                  "policy",
                  "hub-scan",
                  "precedence",
                  1,
                  "matched",
                  true,
                  "terminal",
                  false,
                  "reasons",
                  reasons,
                  "actions",
                  List.of())));
    }
    return s;
  }
}
