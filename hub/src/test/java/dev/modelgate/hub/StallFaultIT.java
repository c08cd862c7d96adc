package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.testing.TestHubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stall fault really pauses a download at the given offset (the e2e restart scenario needs it).
 */
class StallFaultIT {
  @TempDir Path tmp;

  @Test
  void stallPausesTheBodyAfterTheGivenBytes() throws Exception {
    byte[] weights = new byte[600_000];
    new Random(2).nextBytes(weights);
    TestHubRepo.in(tmp.resolve("hub"), "acme/stall").file("model.safetensors", weights).write();
    try (HubServer server = HubServer.builder(tmp.resolve("hub")).start();
        HubClient client = HubClient.builder().endpoint(server.uri()).build()) {
      String commit = client.resolveCommit("acme/stall", "main");
      RepoFile file = client.listFiles("acme/stall", commit).get(0);
      server.faults().stall(1, 200_000, Duration.ofMillis(1500));

      long started = System.nanoTime();
      client.download("acme/stall", commit, file, tmp.resolve("out"), null);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
      assertThat(Files.readAllBytes(tmp.resolve("out"))).isEqualTo(weights);
    }
  }

  @Test
  void aPartialFileFromAnEarlierRunIsResumedWithRange() throws Exception {
    byte[] weights = new byte[500_000];
    new Random(3).nextBytes(weights);
    TestHubRepo.in(tmp.resolve("hub"), "acme/resume").file("model.safetensors", weights).write();
    Path target = tmp.resolve("partial");
    Files.write(target, java.util.Arrays.copyOf(weights, 123_456));
    try (HubServer server = HubServer.builder(tmp.resolve("hub")).start();
        HubClient client = HubClient.builder().endpoint(server.uri()).build()) {
      String commit = client.resolveCommit("acme/resume", "main");
      RepoFile file = client.listFiles("acme/resume", commit).get(0);

      DownloadResult result = client.download("acme/resume", commit, file, target, null);

      assertThat(result.resumedFrom()).isEqualTo(123_456);
      assertThat(Files.readAllBytes(target)).isEqualTo(weights);
      assertThat(server.requests()).anyMatch(r -> "bytes=123456-".equals(r.range()));
    }
  }
}
