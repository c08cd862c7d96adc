package dev.modelgate.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelStatus;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.PolicyDecision;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plays the examples against a running {@link DemoSystem} the way a cluster would see them: setup
 * objects are created, HFModels and ModelPolicies pass the webhook's validation and are created,
 * the operator settles every HFModel, then each workload is put to the webhook; the admitted ones
 * are stored, the denied ones are not.
 */
public final class DemoScenario {

  /** One HFModel's outcome. */
  public record ModelRow(
      String namespace,
      String name,
      String repo,
      String phase,
      List<String> tags,
      String maxSeverity,
      String reasons) {}

  /** The webhook's answer for one workload. */
  public record AdmissionRow(
      String workload, String verdict, String message, List<String> warnings) {
    public boolean allowed() {
      return !verdict.equals("denied");
    }
  }

  /** Everything the run produced, plus what went wrong on the way (empty when nothing did). */
  public record Outcome(
      List<ModelRow> models, List<AdmissionRow> admissions, List<String> problems) {}

  private final DemoSystem system;
  private final Duration settleTimeout;

  public DemoScenario(DemoSystem system, Duration settleTimeout) {
    this.system = system;
    this.settleTimeout = settleTimeout;
  }

  public Outcome run(ExampleSet examples) throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    KubernetesClient client = system.api().client();
    for (ObjectNode o : examples.setup()) {
      client.resource(Serialization.unmarshal(o.toString(), HasMetadata.class)).create();
    }
    awaitWebhookReady();
    AdmissionClient admission = system.admissionClient();
    for (ObjectNode o : examples.models()) {
      AdmissionClient.Answer answer = admission.reviewCreate(o);
      if (!answer.allowed()) {
        problems.add(ExampleSet.label(o) + " was refused by the webhook: " + answer.message());
        continue;
      }
      if (o.path("kind").asText().equals("HFModel")) {
        client.resource(Serialization.unmarshal(o.toString(), HFModel.class)).create();
      } else {
        client.resource(Serialization.unmarshal(o.toString(), ModelPolicy.class)).create();
      }
    }
    problems.addAll(awaitSettled());
    // The webhook answers from an informer cache; give it a moment to see the last status writes.
    Thread.sleep(500);
    List<AdmissionRow> admissions = new ArrayList<>();
    for (ObjectNode o : examples.workloads()) {
      AdmissionClient.Answer answer;
      try {
        answer = admission.reviewCreate(o);
      } catch (IOException e) {
        problems.add(ExampleSet.label(o) + ": the webhook did not answer: " + e.getMessage());
        continue;
      }
      admissions.add(
          new AdmissionRow(
              ExampleSet.label(o), answer.verdict(), answer.message(), answer.warnings()));
      if (answer.allowed()) {
        store(client, o);
      }
    }
    return new Outcome(models(), admissions, problems);
  }

  /** Stores an admitted workload, as the API server would; kinds it does not serve are skipped. */
  private static void store(KubernetesClient client, ObjectNode o) {
    HasMetadata resource = Serialization.unmarshal(o.toString(), HasMetadata.class);
    if (!(resource instanceof GenericKubernetesResource)) {
      client.resource(resource).create();
    }
  }

  private void awaitWebhookReady() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    while (!system.webhookReady()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the webhook's caches did not sync within " + settleTimeout.toSeconds() + "s");
      }
      Thread.sleep(50);
    }
  }

  /** Waits (bounded) until every HFModel has an outcome for its current generation. */
  private List<String> awaitSettled() throws InterruptedException {
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    while (true) {
      List<HFModel> pending = allModels().stream().filter(m -> !settled(m)).toList();
      if (pending.isEmpty()) {
        return List.of();
      }
      if (System.nanoTime() > deadline) {
        return pending.stream()
            .map(
                m ->
                    "HFModel "
                        + m.getMetadata().getName()
                        + " did not settle within "
                        + settleTimeout.toSeconds()
                        + "s (phase "
                        + phase(m)
                        + ")")
            .toList();
      }
      Thread.sleep(100);
    }
  }

  static boolean settled(HFModel m) {
    HFModelStatus s = m.getStatus();
    return s != null
        && s.getPhase() != null
        && s.getPhase().isSettled()
        && Objects.equals(s.getObservedGeneration(), m.getMetadata().getGeneration());
  }

  private List<HFModel> allModels() {
    return system.api().client().resources(HFModel.class).inAnyNamespace().list().getItems();
  }

  /** The table rows, sorted by namespace and name. */
  public List<ModelRow> models() {
    return allModels().stream()
        .sorted(
            Comparator.comparing((HFModel m) -> m.getMetadata().getNamespace())
                .thenComparing(m -> m.getMetadata().getName()))
        .map(DemoScenario::row)
        .toList();
  }

  private static ModelRow row(HFModel m) {
    HFModelStatus s = m.getStatus();
    List<String> tags = s == null || s.getTags() == null ? List.of() : List.copyOf(s.getTags());
    String severity =
        s == null || s.getSummary() == null || s.getSummary().getMaxSeverity() == null
            ? "-"
            : s.getSummary().getMaxSeverity().name();
    return new ModelRow(
        m.getMetadata().getNamespace(),
        m.getMetadata().getName(),
        m.getSpec().getRepo(),
        phase(m),
        tags,
        severity,
        reasons(s));
  }

  private static String phase(HFModel m) {
    return m.getStatus() == null || m.getStatus().getPhase() == null
        ? "-"
        : m.getStatus().getPhase().name();
  }

  /**
   * Why the model is where it is: the operator's one-line message (the policy that set the state,
   * or the scanner's verdict), else the matched policies' reasons.
   */
  static String reasons(HFModelStatus s) {
    if (s == null) {
      return "";
    }
    if (s.getMessage() != null && !s.getMessage().isBlank()) {
      return s.getMessage();
    }
    List<String> out = new ArrayList<>();
    for (PolicyDecision d :
        s.getDecisions() == null ? List.<PolicyDecision>of() : s.getDecisions()) {
      if (Boolean.TRUE.equals(d.getMatched()) && d.getReasons() != null) {
        out.add(d.getPolicy() + ": " + String.join("; ", d.getReasons()));
      }
    }
    return String.join(" | ", out);
  }
}
