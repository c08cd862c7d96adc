package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.ChecksumMismatchException;
import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.RetryPolicy;
import dev.modelgate.hub.testing.TestHubRepo;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubServeCommandIT {
  @TempDir Path tmp;

  @Test
  void servesAFolderOverTheHubApi() throws Exception {
    TestHubRepo.in(tmp, "acme/tiny").file("config.json", "{}").write();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        "hub",
                        "serve",
                        tmp.toString(),
                        "--port",
                        Integer.toString(port),
                        "--corrupt",
                        "config.json",
                        "--max-seconds",
                        "20")));
    t.start();
    try (HubClient client =
        HubClient.builder()
            .endpoint("http://127.0.0.1:" + port)
            .retryPolicy(
                new RetryPolicy(
                    60, Duration.ofMillis(20), Duration.ofMillis(250), Duration.ofSeconds(1)))
            .connectTimeout(Duration.ofSeconds(2))
            .build()) {
      String commit = client.resolveCommit("acme/tiny", "main");
      assertThat(commit).matches("[0-9a-f]{40}");
      assertThat(client.listFiles("acme/tiny", commit)).hasSize(1);
      // --corrupt serves config.json with a flipped byte: the client must refuse it
      assertThatThrownBy(
              () ->
                  client.download("acme/tiny", commit, "config.json", tmp.resolve("c.json"), null))
          .isInstanceOf(ChecksumMismatchException.class);
    } finally {
      t.interrupt();
      t.join(5000);
    }
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void missingDirectoryIsAUsageError() {
    assertThat(Main.run("hub", "serve", tmp.resolve("nope").toString())).isEqualTo(2);
  }
}
