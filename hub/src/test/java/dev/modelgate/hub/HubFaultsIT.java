package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.server.RecordedRequest;
import dev.modelgate.hub.testing.TestHubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every injected fault, each bounded in time by millisecond-scale retry policies. */
@Timeout(30)
class HubFaultsIT {
  static final String REPO = "acme/faulty";
  static final int SIZE = 300_000;

  @TempDir Path tmp;
  HubServer server;
  HubClient client;
  byte[] weights;
  String commit;
  RepoFile model;

  @BeforeEach
  void start() throws Exception {
    weights = new byte[SIZE];
    new Random(3).nextBytes(weights);
    TestHubRepo.in(tmp.resolve("hub"), REPO)
        .file("model.safetensors", weights)
        .file("config.json", "{}")
        .write();
    server = HubServer.builder(tmp.resolve("hub")).start();
    client = client(RetryPolicy.fast(3), Duration.ofSeconds(5));
    commit = client.resolveCommit(REPO, "main");
    model = client.pathsInfo(REPO, commit, List.of("model.safetensors"), false).get(0);
    server.clearRequests();
  }

  HubClient client(RetryPolicy policy, Duration readTimeout) {
    return HubClient.builder()
        .endpoint(server.uri())
        .retryPolicy(policy)
        .readTimeout(readTimeout)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Path target() {
    return tmp.resolve("out/model.safetensors");
  }

  private void assertDownloaded() throws Exception {
    assertThat(Files.readAllBytes(target())).isEqualTo(weights);
  }

  @Test
  void rateLimitedRequestsAreRetried() throws Exception {
    server.faults().rateLimit(3, 30);
    long t0 = System.nanoTime();
    assertThat(client.resolveCommit(REPO, "main")).isEqualTo(commit);
    // 30 s asked for, capped by the fast policy's 50 ms maximum server wait
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(server.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(429, 429, 429, 200);
  }

  @Test
  void retryAfterIsHonouredUpToTheCap() throws Exception {
    try (HubClient patient =
        client(
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(5)),
            Duration.ofSeconds(5))) {
      server.faults().rateLimit(1, 1); // RateLimit r=0;t=1 → wait t+1 = 2 s, as huggingface_hub
      long t0 = System.nanoTime();
      patient.resolveCommit(REPO, "main");
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
    }
  }

  @Test
  void serverErrorsAreRetriedThenReportedAsTransient() throws Exception {
    server.faults().serverErrors(2, 502);
    client.download(REPO, commit, model, target(), null);
    assertDownloaded();

    server.faults().serverErrors(10, 503);
    assertThatThrownBy(() -> client.resolveCommit(REPO, "main"))
        .isInstanceOf(HubException.class)
        .satisfies(
            e -> {
              assertThat(((HubException) e).isTransient()).isTrue();
              assertThat(((HubException) e).status()).isEqualTo(503);
            });
    // first try + 3 retries
    assertThat(server.requests().stream().filter(r -> r.status() == 502)).hasSize(2);
    assertThat(server.requests().stream().filter(r -> r.status() == 503)).hasSize(4);
  }

  @Test
  void cutConnectionsResumeWithRange() throws Exception {
    server.faults().cutAfter(2, 100_000);
    DownloadResult r = client.download(REPO, commit, model, target(), null);
    assertDownloaded();
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(r.bytesTransferred()).isEqualTo(SIZE);
    // Each resume starts where the bytes on disk end (bytes in flight at the cut are lost).
    List<String> ranges = server.requests().stream().map(RecordedRequest::range).toList();
    assertThat(ranges).hasSize(3);
    assertThat(ranges.get(0)).isNull();
    long first = ranges.get(1) == null ? 0 : Long.parseLong(ranges.get(1).replaceAll("\\D", ""));
    long second = Long.parseLong(ranges.get(2).replaceAll("\\D", ""));
    assertThat(first).isBetween(0L, 100_000L);
    assertThat(second).isBetween(first + 1, first + 100_000L);
  }

  @Test
  void aConnectionThatNeverProgressesFailsTransientlyAndKeepsThePartial() throws Exception {
    Files.createDirectories(target().getParent());
    Files.write(target(), Arrays.copyOf(weights, 1000));
    server.faults().cutAfter(100, 0);
    assertThatThrownBy(() -> client.download(REPO, commit, model, target(), null))
        .isInstanceOf(HubException.class)
        .satisfies(e -> assertThat(((HubException) e).isTransient()).isTrue());
    assertThat(Files.size(target())).isEqualTo(1000); // kept for the next resume
    server.faults().clear();
    DownloadResult r = client.download(REPO, commit, model, target(), null);
    assertThat(r.resumedFrom()).isEqualTo(1000);
    assertThat(r.bytesTransferred()).isEqualTo(SIZE - 1000);
    assertDownloaded();
  }

  @Test
  void stalledBodiesHitTheReadTimeoutAndResume() throws Exception {
    try (HubClient quick = client(RetryPolicy.fast(5), Duration.ofMillis(500))) {
      server.faults().stall(1, 50_000, Duration.ofSeconds(8));
      long t0 = System.nanoTime();
      quick.download(REPO, commit, model, target(), null);
      // finished long before the 8 s stall would have ended: the read timeout cut it short
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
      assertDownloaded();
      assertThat(server.requests().size()).isGreaterThanOrEqualTo(2);
      assertThat(server.requests().get(server.requests().size() - 1).range()).startsWith("bytes=");
    }
  }

  @Test
  void slowHeadersTimeOutAsTransientFailures() {
    try (HubClient quick = client(RetryPolicy.fast(1), Duration.ofMillis(150))) {
      server.faults().latency(Duration.ofMillis(600));
      assertThatThrownBy(() -> quick.resolveCommit(REPO, "main"))
          .isInstanceOf(HubException.class)
          .satisfies(e -> assertThat(((HubException) e).isTransient()).isTrue())
          .hasMessageContaining("timed out");
    }
  }

  @Test
  void latencyWithinTheTimeoutIsOnlySlow() throws Exception {
    server.faults().latency(Duration.ofMillis(100));
    long t0 = System.nanoTime();
    client.download(REPO, commit, model, target(), null);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertDownloaded();
  }

  @Test
  void aWholeFileAnswerToARangedRequestRestartsTheFile() throws Exception {
    Files.createDirectories(target().getParent());
    Files.write(target(), Arrays.copyOf(weights, 123_456));
    server.faults().ignoreRange(1);
    DownloadResult r = client.download(REPO, commit, model, target(), null);
    assertDownloaded();
    assertThat(r.bytesTransferred()).isEqualTo(SIZE); // the whole file again, never appended
    assertThat(server.requests())
        .singleElement()
        .satisfies(q -> assertThat(q.range()).isEqualTo("bytes=123456-"))
        .satisfies(q -> assertThat(q.status()).isEqualTo(200));
  }

  @Test
  void wrongContentIsDeletedAndReported() throws Exception {
    server.faults().corrupt("model.safetensors", 1);
    assertThatThrownBy(() -> client.download(REPO, commit, model, target(), null))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(model.lfsSha256());
    assertThat(target()).doesNotExist();
    server.faults().corrupt("config.json", 1);
    assertThatThrownBy(
            () -> client.download(REPO, commit, "config.json", tmp.resolve("c.json"), null))
        .isInstanceOf(ChecksumMismatchException.class)
        .satisfies(e -> assertThat(((HubException) e).isTransient()).isFalse());
    assertThat(tmp.resolve("c.json")).doesNotExist();
  }

  @Test
  void aStalePartialIsDetectedAndDownloadedAgainOnce() throws Exception {
    Files.createDirectories(target().getParent());
    byte[] stale = Arrays.copyOf(weights, 10_000);
    stale[5] ^= 1; // bytes of some other version
    Files.write(target(), stale);
    DownloadResult r = client.download(REPO, commit, model, target(), null);
    assertDownloaded();
    assertThat(r.bytesTransferred()).isEqualTo(SIZE - 10_000 + SIZE);

    byte[] tooLong = Arrays.copyOf(weights, SIZE + 10);
    Files.write(target(), tooLong);
    client.download(REPO, commit, model, target(), null);
    assertDownloaded();
  }

  @Test
  void progressIsReportedUpToTheSize() throws Exception {
    long[] last = {-1, -1};
    client.download(
        REPO,
        commit,
        model,
        target(),
        (done, total) -> {
          assertThat(done).isGreaterThanOrEqualTo(last[0]);
          last[0] = done;
          last[1] = total;
        });
    assertThat(last).containsExactly(SIZE, SIZE);
  }
}
