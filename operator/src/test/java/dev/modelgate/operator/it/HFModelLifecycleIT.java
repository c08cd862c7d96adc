package dev.modelgate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.hub.GitHashes;
import dev.modelgate.operator.decision.ScannerVerdictDecider;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An HFModel from apply to Available, re-decided cheaply on policy changes, and deleted. */
class HFModelLifecycleIT extends OperatorTestBase {

  @Test
  void smallRealRepoEndsAvailableVerifiedAndLinkedInHfCacheLayout() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512)
        .metadata(
            "security:\n  scansDone: true\n  files:\n    model.safetensors: {status: safe}\n"
                + "    config.json: {status: safe}\n")
        .write();
    startHub();
    startOperator();

    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    HFModel m = awaitPhase("tiny", Phase.Available, Phase.Quarantined, Phase.Failed);

    assertThat(m.getStatus().getPhase()).as(m.getStatus().getMessage()).isEqualTo(Phase.Available);
    String commit = m.getStatus().getResolvedRevision();
    assertThat(commit).matches("[0-9a-f]{40}");
    assertThat(m.getStatus().getShortRevision()).isEqualTo(commit.substring(0, 7));
    assertThat(m.getStatus().getObservedGeneration()).isEqualTo(m.getMetadata().getGeneration());
    assertThat(m.getStatus().getSummary().getFiles()).isEqualTo(2);
    assertThat(m.getStatus().getProgress().getBytesDone())
        .isEqualTo(m.getStatus().getProgress().getBytesTotal())
        .isEqualTo(m.getStatus().getSummary().getBytes());
    assertThat(m.getStatus().getHub().getScanSummary()).isEqualTo("SAFE");
    assertThat(m.getStatus().getConditions())
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Resolved", "True"),
            org.assertj.core.groups.Tuple.tuple("Downloaded", "True"),
            org.assertj.core.groups.Tuple.tuple("Scanned", "True"),
            org.assertj.core.groups.Tuple.tuple("PolicyEvaluated", "True"),
            org.assertj.core.groups.Tuple.tuple("Ready", "True"));
    assertThat(m.getStatus().getDecisions())
        .extracting(d -> d.getPolicy())
        .containsExactly(ScannerVerdictDecider.RULE_NAME);

    // HF cache layout: refs/main → commit, snapshot links → blobs named by hash, same bytes
    Path repo = storeRoot.resolve("ml/hub/models--acme-ml--tiny-chat");
    assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(commit);
    Path snap = repo.resolve("snapshots").resolve(commit);
    assertThat(m.getStatus().getStorePath()).isEqualTo(snap.toString());
    Path example = repoRoot().resolve("examples/hub/acme-ml/tiny-chat");
    byte[] weights = SafetensorsFixture.oneTensor(512, 1);
    Path link = snap.resolve("model.safetensors");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link).toString())
        .isEqualTo("../../blobs/" + GitHashes.sha256(weights));
    assertThat(Files.readAllBytes(link)).isEqualTo(weights);
    assertThat(Files.readAllBytes(snap.resolve("config.json")))
        .isEqualTo(Files.readAllBytes(example.resolve("config.json")));
    // the scan report is cached privately, with the scanner version
    assertThat(storeRoot.resolve(".modelgate/reports/ml/tiny.json"))
        .content()
        .contains("\"scannerVersion\"", commit);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(events("tiny")).extracting(e -> e.getReason()).contains("Available"));
    assertThat(health("/readyz")).isEqualTo(200);
    assertThat(health("/healthz")).isEqualTo(200);
    assertThat(httpBody("/metrics")).contains("operator_sdk_reconciliations");
  }

  @Test
  void policyChangeReDecidesFromTheCachedReportWithoutTouchingTheHub() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    AtomicInteger decisions = new AtomicInteger();
    ScannerVerdictDecider baseline = new ScannerVerdictDecider();
    startOperator(
        config(),
        input -> {
          decisions.incrementAndGet();
          return baseline.decide(input);
        });
    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    awaitPhase("tiny", Phase.Available);
    long downloads = fileDownloads();
    hub.clearRequests();
    int before = decisions.get();

    ModelPolicy policy = new ModelPolicy();
    policy.getMetadata().setName("quarantine-everything");
    ModelPolicySpec spec = new ModelPolicySpec();
    spec.setRego("package cloudsmith\nmatch := true\n");
    spec.setActions(List.of(PolicyAction.setStateTo(PolicyAction.State.Quarantined)));
    policy.setSpec(spec);
    client.resource(policy).create();

    await().atMost(WAIT).until(() -> decisions.get() > before);
    assertThat(hub.requests()).as("no Hub traffic for a policy change").isEmpty();
    assertThat(downloads).as("model files were downloaded once").isGreaterThanOrEqualTo(2);
    // and the policy's own status says it is usable
    await()
        .atMost(WAIT)
        .until(
            () -> client.resources(ModelPolicy.class).withName("quarantine-everything").get(),
            p -> p.getStatus() != null && p.getStatus().getPhase() != null);
    assertThat(
            client
                .resources(ModelPolicy.class)
                .withName("quarantine-everything")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo(dev.modelgate.crds.ModelPolicyStatus.PolicyPhase.Ready);
  }

  @Test
  void deletingTheHfModelWithdrawsItFromTheStore() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    startOperator();
    create("tiny", new HFModelSpec("acme-ml/tiny-chat", null));
    HFModel m = awaitPhase("tiny", Phase.Available);
    Path snap = Path.of(m.getStatus().getStorePath());
    assertThat(snap).isDirectory();

    client.resource(m).delete();
    await().atMost(WAIT).until(() -> get("tiny") == null);
    assertThat(snap).doesNotExist();
    assertThat(storeRoot.resolve(".modelgate/reports/ml/tiny.json")).doesNotExist();
  }

  @Test
  void theDemoRepoFromExamplesEndsAvailable() throws Exception {
    exampleRepo("acme-ml/tiny-chat").write();
    startHub();
    startOperator();
    create("demo", new HFModelSpec("acme-ml/tiny-chat", "main"));
    HFModel m = awaitPhase("demo", Phase.Available, Phase.Quarantined, Phase.Failed);
    assertThat(m.getStatus().getPhase()).as(statusJson("demo")).isEqualTo(Phase.Available);
    assertThat(m.getStatus().getSummary().getFiles()).isEqualTo(5);
    assertThat(m.getStatus().getHub().getAvailability()).isEqualTo("COMPLETE");
    assertThat(Path.of(m.getStatus().getStorePath(), "model.safetensors"))
        .hasSameBinaryContentAs(
            repoRoot().resolve("examples/hub/acme-ml/tiny-chat/model.safetensors"));
  }
}
