package dev.modelgate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelgate.crds.HFModel;
import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.Phase;
import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.testing.TestHubRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The operator stops mid-download; the next one resumes the partial file with Range. */
class RestartResumeIT extends OperatorTestBase {

  private static long stagedBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void restartMidDownloadResumesWhereItStopped() throws Exception {
    byte[] weights = SafetensorsFixture.oneTensor(640 * 1024, 3);
    TestHubRepo.in(hubRoot, "acme-ml/big").file("model.safetensors", weights).write();
    startHub();
    // The first download stalls after 1.2 MB, with at least 1 MiB written to staging by then. A
    // read timeout longer than the stall keeps the first operator waiting, as a slow Hub would.
    hub.faults().stall(1, 1_200_000, Duration.ofSeconds(40));
    startOperator(
        config().toBuilder().hubTimeout(Duration.ofSeconds(60)).build(),
        new dev.modelgate.operator.decision.ScannerVerdictDecider());
    create("big", new HFModelSpec("acme-ml/big", null));

    Path staging = storeRoot.resolve(".modelgate/staging").resolve(NS).resolve("big");
    await().atMost(WAIT).until(() -> stagedBytes(staging) >= 1 << 20);
    HFModel midway = get("big");
    assertThat(midway.getStatus().getPhase()).isEqualTo(Phase.Downloading);

    // "Restart": the Hub connection drops and the operator process goes away mid-file.
    hub.close();
    operator.close();
    operator = null;
    assertThat(snapshots("acme-ml/big")).doesNotExist();
    long partial = stagedBytes(staging);
    assertThat(partial).isBetween(1L << 20, (long) weights.length - 1);

    hub = HubServer.builder(hubRoot).start();
    startOperator();
    HFModel m = awaitPhase("big", Phase.Available, Phase.Failed, Phase.Quarantined);
    assertThat(m.getStatus().getPhase()).as(m.getStatus().getMessage()).isEqualTo(Phase.Available);
    assertThat(hub.requests())
        .filteredOn(r -> r.rawPathAndQuery().endsWith("/model.safetensors"))
        .as("the new operator asked only for the rest of the file")
        .allSatisfy(r -> assertThat(r.range()).isEqualTo("bytes=" + partial + "-"));
    assertThat(Files.readAllBytes(Path.of(m.getStatus().getStorePath(), "model.safetensors")))
        .isEqualTo(weights);
    assertThat(stagedBytes(staging)).as("staging is emptied once verified").isZero();
  }
}
