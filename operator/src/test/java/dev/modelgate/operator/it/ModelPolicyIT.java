package dev.modelgate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.ModelPolicyStatus;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.PolicyDecision;
import dev.modelgate.hub.testing.TestHubRepo;
import dev.modelgate.operator.decision.PolicyDecider;
import dev.modelgate.operator.decision.ScannerVerdictDecider;
import dev.modelgate.policies.shipped.ShippedPolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ModelPolicies decide HFModels with Cloudsmith EPM semantics, end to end: the CRUD mock as the API
 * server, the real Hub server over the example repos, the operator with the policy decider.
 */
class ModelPolicyIT extends OperatorTestBase {

  @Test
  void trustedPublisherOverridesTheLaterHubScanQuarantine() throws Exception {
    HFModel m = decideWithShippedPolicies("gemma", "google/tiny-demo-lm");

    assertThat(m.getStatus().getPhase()).isEqualTo(Phase.Available);
    assertThat(m.getStatus().getTags()).contains("trusted-publisher");
    assertThat(policies(m)).contains("trusted-publishers").doesNotContain("hub-security-scan");
  }

  @Test
  void hubUnsafeModelIsQuarantinedWithTheScannerVerdictInTheLog() throws Exception {
    HFModel m = decideWithShippedPolicies("sketchy", "shady-lab/sketchy-llm");

    assertThat(m.getStatus().getPhase()).isEqualTo(Phase.Quarantined);
    assertThat(m.getStatus().getTags()).contains("hub-unsafe");
    List<PolicyDecision> log = m.getStatus().getDecisions();
    assertThat(log.get(0).getPolicy()).isEqualTo(ScannerVerdictDecider.RULE_NAME);
    PolicyDecision hubScan =
        log.stream()
            .filter(d -> d.getPolicy().equals("hub-security-scan"))
            .findFirst()
            .orElseThrow();
    assertThat(hubScan.getMatched()).isTrue();
    assertThat(hubScan.getReasons()).anyMatch(r -> r.contains("model.safetensors"));
  }

  @Test
  void modelCardDatasetRuleSeesTheCardInTheCloudsmithView() throws Exception {
    example("acme-ml/tiny-chat").write();
    startHub();
    client
        .resource(
            policy(
                "smollm-data",
                0,
                "match if \"HuggingFaceTB/smollm-corpus\" in input.v0.package.card.datasets",
                PolicyAction.addTags("smollm-trained")))
        .create();
    startOperator(config(), new PolicyDecider());

    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    await()
        .atMost(WAIT)
        .until(
            () -> get("tiny"),
            m -> m.getStatus() != null && m.getStatus().getTags().contains("smollm-trained"));
    assertThat(get("tiny").getStatus().getPhase()).isEqualTo(Phase.Available);
  }

  @Test
  void precedenceDecidesAndEditingAPolicyFlipsTheModelWithoutANewDownload() throws Exception {
    example("acme-ml/tiny-chat").write();
    startHub();
    client
        .resource(
            policy(
                "restore",
                1,
                "match if true",
                PolicyAction.setStateTo(PolicyAction.State.Available)))
        .create();
    client
        .resource(
            policy(
                "block",
                2,
                "match if true",
                PolicyAction.setStateTo(PolicyAction.State.Quarantined)))
        .create();
    startOperator(config(), new PolicyDecider());

    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    awaitPhase("tiny", Phase.Quarantined);
    long downloads = fileDownloads();
    assertThat(downloads).isPositive();

    // "restore" now runs after "block": the last SetState wins.
    client
        .resources(ModelPolicy.class)
        .withName("restore")
        .edit(
            p -> {
              p.getSpec().setPrecedence(3);
              return p;
            });
    awaitPhase("tiny", Phase.Available);
    assertThat(fileDownloads()).as("no second GET of the files").isEqualTo(downloads);
  }

  @Test
  void disabledPolicyIsIgnored() throws Exception {
    example("acme-ml/tiny-chat").write();
    startHub();
    ModelPolicy off =
        policy("off", 0, "match if true", PolicyAction.setStateTo(PolicyAction.State.Quarantined));
    off.getSpec().setEnabled(false);
    client.resource(off).create();
    startOperator(config(), new PolicyDecider());

    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    HFModel m = awaitPhase("tiny", Phase.Available, Phase.Quarantined);
    assertThat(m.getStatus().getPhase()).as(describe(m)).isEqualTo(Phase.Available);
    assertThat(policies(m)).doesNotContain("off");
  }

  @Test
  void invalidPolicyIsMarkedInvalidWithItsLocationAndOthersStillApply() throws Exception {
    example("acme-ml/tiny-chat").write();
    startHub();
    client
        .resource(policy("broken", 0, "match if {\n  input.x ==\n}", PolicyAction.addTags("never")))
        .create();
    client.resource(policy("tagger", 1, "match if true", PolicyAction.addTags("seen"))).create();
    startOperator(config(), new PolicyDecider());

    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    await()
        .atMost(WAIT)
        .until(
            () -> get("tiny"),
            m -> m.getStatus() != null && m.getStatus().getTags().contains("seen"));
    ModelPolicy broken =
        await()
            .atMost(WAIT)
            .until(
                () -> client.resources(ModelPolicy.class).withName("broken").get(),
                p -> p.getStatus() != null && p.getStatus().getPhase() != null);
    assertThat(broken.getStatus().getPhase()).isEqualTo(ModelPolicyStatus.PolicyPhase.Invalid);
    assertThat(broken.getStatus().getMessage()).matches("(?s)broken\\.rego:\\d+:\\d+: .*");
    assertThat(get("tiny").getStatus().getTags()).doesNotContain("never");
  }

  /** One example repo decided by the shipped policies; returns the settled HFModel. */
  private HFModel decideWithShippedPolicies(String name, String repo) throws Exception {
    example(repo).write();
    startHub();
    ShippedPolicies.load().forEach(p -> client.resource(p).create());
    startOperator(config(), new PolicyDecider());
    create(name, new HFModelSpec(repo, null));
    return awaitPhase(name, Phase.Available, Phase.Quarantined);
  }

  private static String describe(HFModel m) {
    return m.getStatus().getMessage() + " " + m.getStatus().getFindings() + " " + policies(m);
  }

  private static List<String> policies(HFModel m) {
    return m.getStatus().getDecisions().stream().map(PolicyDecision::getPolicy).toList();
  }

  private static ModelPolicy policy(
      String name, int precedence, String rules, PolicyAction... actions) {
    ModelPolicySpec spec = new ModelPolicySpec();
    spec.setRego("package cloudsmith\n\ndefault match := false\n\n" + rules + "\n");
    spec.setPrecedence(precedence);
    spec.setActions(List.of(actions));
    ModelPolicy p = new ModelPolicy();
    p.getMetadata().setName(name);
    p.setSpec(spec);
    return p;
  }

  /** One of the demo repos from {@code examples/hub}, with its Hub metadata. */
  private TestHubRepo example(String repoId) throws IOException {
    Path dir = repoRoot().resolve("examples/hub").resolve(repoId);
    TestHubRepo repo = TestHubRepo.in(hubRoot, repoId);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (f.getFileName().toString().equals(".modelgate-hub.yaml")) {
          repo.metadata(Files.readString(f));
        } else {
          repo.file(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
    }
    return repo;
  }
}
