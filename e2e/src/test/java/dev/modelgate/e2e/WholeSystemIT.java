package dev.modelgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgate.cli.demo.AdmissionClient;
import dev.modelgate.cli.demo.DemoSystem;
import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.Phase;
import dev.modelgate.hub.server.RecordedRequest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole-system scenarios on one machine, sharing one {@link DemoSystem} (API server, Hub, operator,
 * HTTPS webhook) over the example Hub plus one larger repo; each scenario uses its own namespace.
 */
class WholeSystemIT {

  private static final Duration SETTLE = Duration.ofSeconds(90);
  private static final String BIG_REPO = "e2e/big-model";
  private static final int BIG_BYTES = 8 * 1024 * 1024;

  private static Path hubDir;
  private static DemoSystem system;
  private static KubernetesClient client;

  @BeforeAll
  static void startEverything() throws Exception {
    hubDir = Files.createTempDirectory("modelgate-e2e-hub-");
    HubFolders.copyTree(RepoRoot.find().resolve("examples").resolve("hub"), hubDir);
    HubFolders.bigSafetensorsRepo(
        hubDir.resolve(BIG_REPO), hubDir.resolve("acme-ml/tiny-chat"), BIG_BYTES);
    system = DemoSystem.start(hubDir);
    client = system.api().client();
  }

  @AfterAll
  static void stopEverything() throws IOException {
    if (system != null) {
      system.close();
    }
    HubFolders.deleteTree(hubDir);
  }

  @AfterEach
  void clearFaults() {
    system.hub().faults().clear();
  }

  @Test
  void operatorRestartedMidDownloadResumesAndPublishesOnce() throws Exception {
    String ns = namespace("e2e-restart");
    // Every download pauses after 2 MiB: the small files pass, the 8 MiB weights stop part-way.
    system.hub().faults().stall(20, 2L * 1024 * 1024, Duration.ofSeconds(30));
    create(ns, "big", BIG_REPO);
    Path staging = system.workDir().resolve("store/.modelgate/staging").resolve(ns).resolve("big");
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> largestFile(staging) >= 1024 * 1024);

    system.stopOperator();
    system.hub().faults().clear();
    system.hub().clearRequests();
    system.startOperator();

    HFModel done = awaitSettled(ns, "big");
    assertThat(done.getStatus().getPhase())
        .as(done.getStatus().getMessage())
        .isEqualTo(Phase.Available);
    // Resumed: the weights were asked for from where the first operator stopped, not from 0.
    List<RecordedRequest> weights =
        system.hub().requests().stream()
            .filter(
                r -> r.method().equals("GET") && r.rawPathAndQuery().endsWith("/model.safetensors"))
            .toList();
    assertThat(weights).as("GETs of the weights after the restart").isNotEmpty();
    assertThat(weights)
        .allSatisfy(r -> assertThat(r.range()).as("Range of %s", r).matches("bytes=[1-9][0-9]*-"));
    // Published once: one Available event (posted off the reconcile path, so it may trail the
    // status; it must then stay one), and the published file is the Hub's, byte for byte.
    await()
        .atMost(SETTLE)
        .during(Duration.ofMillis(500))
        .until(() -> events(ns, "big", "Available"), n -> n == 1);
    Path published = Path.of(done.getStatus().getStorePath()).resolve("model.safetensors");
    assertThat(sha256(published))
        .isEqualTo(sha256(hubDir.resolve(BIG_REPO).resolve("model.safetensors")));
  }

  @Test
  void policyEditFlipsAModelAndTheDeniedWorkloadIsThenAdmitted() throws Exception {
    String ns = namespace("e2e-policy");
    create(ns, "sketchy-llm", "shady-lab/sketchy-llm");
    HFModel before = awaitSettled(ns, "sketchy-llm");
    assertThat(before.getStatus().getPhase()).isEqualTo(Phase.Quarantined);
    ObjectNode pod = pod(ns, "sketchy", "shady-lab/sketchy-llm");
    AdmissionClient admission = system.admissionClient();
    assertThat(admission.reviewCreate(pod).allowed()).isFalse();

    system.hub().clearRequests();
    setEnabled("hub-security-scan", false);
    try {
      HFModel after =
          await()
              .atMost(SETTLE)
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> get(ns, "sketchy-llm"), m -> m.getStatus().getPhase() == Phase.Available);
      assertThat(after.getStatus().getTags()).doesNotContain("hub-unsafe");
      await().atMost(SETTLE).until(() -> admission.reviewCreate(pod).allowed());
      // Re-decided from the cached scan report: nothing was downloaded again.
      assertThat(system.hub().requests())
          .noneMatch(r -> r.rawPathAndQuery().startsWith("/shady-lab/sketchy-llm/resolve/"));
    } finally {
      setEnabled("hub-security-scan", true);
    }
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(ns, "sketchy-llm").getStatus().getPhase() == Phase.Quarantined);
  }

  @Test
  void hubAnswering429And5xxForAWhileDelaysButDoesNotFail() throws Exception {
    String ns = namespace("e2e-flaky");
    system.hub().clearRequests();
    system.hub().faults().rateLimit(3, 1).serverErrors(3, 503);
    create(ns, "tiny-chat", "acme-ml/tiny-chat");

    HFModel done = awaitSettled(ns, "tiny-chat");
    assertThat(done.getStatus().getPhase())
        .as(done.getStatus().getMessage())
        .isEqualTo(Phase.Available);
    assertThat(system.hub().requests()).extracting(RecordedRequest::status).contains(429, 503);
  }

  @Test
  void webhookRestartedWhilePodsAreAdmittedNeverLetsABadPodIn() throws Exception {
    String ns = namespace("e2e-admit");
    create(ns, "tiny-chat", "acme-ml/tiny-chat");
    create(ns, "totally-safe-bert", "evil-corp/totally-safe-bert");
    assertThat(awaitSettled(ns, "tiny-chat").getStatus().getPhase()).isEqualTo(Phase.Available);
    assertThat(awaitSettled(ns, "totally-safe-bert").getStatus().getPhase())
        .isEqualTo(Phase.Quarantined);
    ObjectNode good = pod(ns, "good", "acme-ml/tiny-chat");
    ObjectNode bad = pod(ns, "bad", "evil-corp/totally-safe-bert");
    AdmissionClient admission = system.admissionClient();
    await().atMost(SETTLE).until(() -> admission.reviewCreate(good).allowed());

    AtomicInteger badAdmitted = new AtomicInteger();
    AtomicInteger unanswered = new AtomicInteger();
    AtomicInteger correctSinceRestart = new AtomicInteger();
    AtomicBoolean restarted = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Thread traffic =
        Thread.ofPlatform()
            .name("admission-traffic")
            .start(
                () -> {
                  long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                  while (!stop.get() && System.nanoTime() < deadline) {
                    try {
                      boolean goodAllowed = admission.reviewCreate(good).allowed();
                      boolean badAllowed = admission.reviewCreate(bad).allowed();
                      if (badAllowed) {
                        badAdmitted.incrementAndGet();
                      }
                      if (restarted.get() && goodAllowed && !badAllowed) {
                        correctSinceRestart.incrementAndGet();
                      }
                    } catch (IOException e) {
                      // What the API server would turn into a denial (failurePolicy Fail).
                      unanswered.incrementAndGet();
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    int port = system.webhookPort();
    Thread.sleep(500);
    system.stopWebhook();
    Thread.sleep(500);
    system.startWebhook(port);
    restarted.set(true);
    await().atMost(SETTLE).until(() -> correctSinceRestart.get() >= 20 || !traffic.isAlive());
    stop.set(true);
    traffic.join(Duration.ofSeconds(30).toMillis());

    assertThat(badAdmitted.get()).as("pods using the Quarantined model admitted").isZero();
    assertThat(unanswered.get()).as("requests refused while the webhook was down").isPositive();
    assertThat(correctSinceRestart.get())
        .as("correct answers after the restart")
        .isGreaterThanOrEqualTo(20);
  }

  private static String namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private static void create(String ns, String name, String repo) {
    HFModel m = new HFModel();
    m.getMetadata().setName(name);
    m.getMetadata().setNamespace(ns);
    HFModelSpec spec = new HFModelSpec();
    spec.setRepo(repo);
    m.setSpec(spec);
    client.resource(m).create();
  }

  private static void setEnabled(String policy, boolean enabled) {
    client
        .resources(ModelPolicy.class)
        .withName(policy)
        .edit(
            p -> {
              p.getSpec().setEnabled(enabled);
              return p;
            });
  }

  private static HFModel get(String ns, String name) {
    return client.resources(HFModel.class).inNamespace(ns).withName(name).get();
  }

  private static HFModel awaitSettled(String ns, String name) {
    return await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> get(ns, name),
            m ->
                m.getStatus() != null
                    && m.getStatus().getPhase() != null
                    && m.getStatus().getPhase().isSettled()
                    && m.getMetadata()
                        .getGeneration()
                        .equals(m.getStatus().getObservedGeneration()));
  }

  private static long events(String ns, String name, String reason) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .count();
  }

  private static ObjectNode pod(String ns, String name, String modelId) throws IOException {
    return (ObjectNode)
        new ObjectMapper()
            .readTree(
                """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "%s", "namespace": "%s"},
                 "spec": {"containers": [{"name": "tgi", "image": "tgi",
                          "args": ["--model-id", "%s"]}]}}
                """
                    .formatted(name, ns, modelId));
  }

  /** Size of the largest file under {@code dir} (0 when there is none yet). */
  private static long largestFile(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).max().orElse(0);
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
  }

  static final Set<Phase> SETTLED = Set.of(Phase.Available, Phase.Quarantined, Phase.Failed);
}
