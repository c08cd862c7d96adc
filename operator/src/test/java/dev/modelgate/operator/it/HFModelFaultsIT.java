package dev.modelgate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.crds.SecretKeyRef;
import dev.modelgate.hub.testing.TestHubRepo;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Bad input and Hub faults: each ends in a clear Failed (or a retry, for transient faults) with a
 * reason a user understands; the operator keeps running and never publishes unverified bytes.
 */
class HFModelFaultsIT extends OperatorTestBase {

  private static String readyReason(HFModel m) {
    return m.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
  }

  private HFModel failsWith(String name, String reason) throws Exception {
    HFModel m = awaitPhase(name, Phase.Failed, Phase.Available, Phase.Quarantined);
    assertThat(m.getStatus().getPhase()).as(m.getStatus().getMessage()).isEqualTo(Phase.Failed);
    assertThat(readyReason(m)).isEqualTo(reason);
    assertThat(m.getStatus().getObservedGeneration()).isEqualTo(m.getMetadata().getGeneration());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(events(name)).extracting(e -> e.getReason()).contains(reason));
    assertNothingPublished();
    assertThat(health("/readyz")).isEqualTo(200);
    return m;
  }

  private void assertNothingPublished() throws Exception {
    Path ns = storeRoot.resolve(NS);
    if (Files.exists(ns)) {
      try (Stream<Path> walk = Files.walk(ns)) {
        assertThat(walk.filter(Files::isRegularFile).toList()).as("published files").isEmpty();
      }
    }
  }

  @Test
  void unknownRepoFails() throws Exception {
    startHub();
    startOperator();
    create("nope", new HFModelSpec("acme/does-not-exist", null));
    HFModel m = failsWith("nope", "RepoNotFound");
    assertThat(m.getStatus().getMessage()).contains("acme/does-not-exist").contains("not found");
  }

  @Test
  void unknownRevisionFails() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    startOperator();
    create("rev", new HFModelSpec("acme-ml/tiny-chat", "v9.9"));
    HFModel m = failsWith("rev", "RevisionNotFound");
    assertThat(m.getStatus().getMessage()).contains("v9.9");
  }

  @Test
  void gatedRepoWithoutTokenFails() throws Exception {
    fixtureRepo("acme-ml/gated", 512).metadata("gated: manual\ntokens: [hf_granted]\n").write();
    validTokens.addAll(List.of("hf_granted", "hf_other"));
    startHub();
    startOperator();
    create("gated", new HFModelSpec("acme-ml/gated", null));
    HFModel m = failsWith("gated", "GatedRepo");
    assertThat(m.getStatus().getMessage()).contains("gated").contains("spec.tokenSecretRef");
  }

  @Test
  void gatedRepoWithAGrantedTokenIsFetchedAndTheTokenNeverShows() throws Exception {
    fixtureRepo("acme-ml/gated", 512).metadata("gated: manual\ntokens: [hf_granted]\n").write();
    validTokens.addAll(List.of("hf_granted"));
    startHub();
    startOperator();
    tokenSecret("hf-token", "hf_granted");
    HFModelSpec spec = new HFModelSpec("acme-ml/gated", null);
    spec.setTokenSecretRef(new SecretKeyRef("hf-token", null));
    create("gated", spec);
    HFModel m = awaitPhase("gated", Phase.Available, Phase.Failed);
    assertThat(m.getStatus().getPhase()).as(m.getStatus().getMessage()).isEqualTo(Phase.Available);
    assertThat(hub.requests()).allMatch(r -> "Bearer hf_granted".equals(r.authorization()));
    assertThat(client.getKubernetesSerialization().asJson(m)).doesNotContain("hf_granted");
  }

  @Test
  void wrongTokenFails() throws Exception {
    fixtureRepo("acme-ml/gated", 512).metadata("gated: manual\ntokens: [hf_granted]\n").write();
    validTokens.addAll(List.of("hf_granted"));
    startHub();
    startOperator();
    tokenSecret("hf-token", "hf_wrong");
    HFModelSpec spec = new HFModelSpec("acme-ml/gated", null);
    spec.setTokenSecretRef(new SecretKeyRef("hf-token", "token"));
    create("wrong", spec);
    HFModel m = failsWith("wrong", "Unauthorized");
    assertThat(m.getStatus().getMessage())
        .contains("rejected the token")
        .doesNotContain("hf_wrong");
  }

  @Test
  void missingTokenSecretFails() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    startOperator();
    HFModelSpec spec = new HFModelSpec("acme-ml/tiny-chat", null);
    spec.setTokenSecretRef(new SecretKeyRef("absent", null));
    create("nosecret", spec);
    HFModel m = failsWith("nosecret", "TokenSecretMissing");
    assertThat(m.getStatus().getMessage()).contains("Secret absent");

    // applied a moment later (as kubectl apply -f dir/ may do): picked up without a spec change
    tokenSecret("absent", "hf_anything");
    HFModel later = awaitPhase("nosecret", Phase.Available);
    assertThat(later.getMetadata().getGeneration()).isEqualTo(m.getMetadata().getGeneration());
  }

  @Test
  void rateLimitStormIsRetriedUntilItPasses() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    hub.faults().rateLimit(8, 1);
    startOperator();
    create("storm", new HFModelSpec("acme-ml/tiny-chat", null));
    HFModel m = awaitPhase("storm", Phase.Available, Phase.Failed);
    assertThat(m.getStatus().getPhase()).as(m.getStatus().getMessage()).isEqualTo(Phase.Available);
    assertThat(hub.requests()).filteredOn(r -> r.status() == 429).hasSize(8);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("storm"))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("HubUnavailable");
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage()).contains("retrying");
                        }));
  }

  @Test
  void persistentServerErrorsKeepRetryingWithAClearMessageAndRecover() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    hub.faults().serverErrors(1_000_000, 503);
    startOperator();
    create("down", new HFModelSpec("acme-ml/tiny-chat", null));
    HFModel m =
        await()
            .atMost(WAIT)
            .until(
                () -> get("down"),
                x -> x.getStatus() != null && "HubUnavailable".equals(readyReason(x)));
    assertThat(m.getStatus().getPhase()).isNotIn(Phase.Available, Phase.Failed);
    assertThat(m.getStatus().getMessage()).contains("503").contains("retrying in");
    assertNothingPublished();

    hub.faults().clear();
    HFModel healed = awaitPhase("down", Phase.Available);
    assertThat(healed.getStatus().getMessage()).doesNotContain("retrying");
  }

  @Test
  void connectionCutMidFileResumesWithRange() throws Exception {
    byte[] weights = SafetensorsFixture.oneTensor(640 * 1024, 7);
    TestHubRepo.in(hubRoot, "acme-ml/big").file("model.safetensors", weights).write();
    startHub();
    hub.faults().cutAfter(2, 1_200_000);
    startOperator();
    create("cut", new HFModelSpec("acme-ml/big", null));
    HFModel m = awaitPhase("cut", Phase.Available, Phase.Failed);
    assertThat(m.getStatus().getPhase()).as(m.getStatus().getMessage()).isEqualTo(Phase.Available);
    assertThat(hub.requests()).anyMatch(r -> r.range() != null && r.range().startsWith("bytes="));
    assertThat(Files.readAllBytes(Path.of(m.getStatus().getStorePath(), "model.safetensors")))
        .isEqualTo(weights);
  }

  @Test
  void wrongHashFailsAndNoBadByteIsKept() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    hub.faults().corrupt("model.safetensors", 1000);
    startOperator();
    create("corrupt", new HFModelSpec("acme-ml/tiny-chat", null));
    HFModel m = failsWith("corrupt", "ChecksumMismatch");
    assertThat(m.getStatus().getMessage()).contains("did not verify").contains("deleted");
    // neither the private objects nor staging hold the corrupted bytes
    byte[] weights = SafetensorsFixture.oneTensor(512, 1);
    String sha = dev.modelgate.hub.GitHashes.sha256(weights);
    try (Stream<Path> walk = Files.walk(storeRoot)) {
      assertThat(walk.filter(p -> p.getFileName().toString().equals(sha)).toList()).isEmpty();
    }
  }

  @Test
  void oversizedRepoFailsBeforeDownloadingAnything() throws Exception {
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    startHub();
    startOperator();
    HFModelSpec spec = new HFModelSpec("acme-ml/tiny-chat", null);
    spec.setMaxTotalSize(new Quantity("1Ki"));
    create("huge", spec);
    HFModel m = failsWith("huge", "TooLarge");
    assertThat(m.getStatus().getMessage()).contains("1Ki").contains("spec.maxTotalSize");
    assertThat(fileDownloads()).isZero();
  }

  @Test
  void invalidSpecValuesFailNamingEachField() throws Exception {
    startHub();
    startOperator();
    HFModelSpec spec = new HFModelSpec("bad--repo/x y", "refs//pr");
    spec.setRefreshInterval("soon");
    spec.setFiles(List.of("[unclosed"));
    create("invalid", spec);
    HFModel m = failsWith("invalid", "InvalidSpec");
    assertThat(m.getStatus().getMessage())
        .contains("spec.repo")
        .contains("spec.revision")
        .contains("spec.refreshInterval")
        .contains("spec.files[0]");
    assertThat(hub.requests()).isEmpty();

    // fixing the spec (a new generation) is picked up
    m.getSpec().setRepo("acme-ml/tiny-chat");
    m.getSpec().setRevision(null);
    m.getSpec().setRefreshInterval(null);
    m.getSpec().setFiles(null);
    fixtureRepo("acme-ml/tiny-chat", 512).write();
    client.resource(m).update();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> get("invalid").getStatus().getPhase() == Phase.Available);
  }
}
