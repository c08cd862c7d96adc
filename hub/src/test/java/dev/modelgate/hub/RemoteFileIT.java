package dev.modelgate.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgate.hub.server.HubServer;
import dev.modelgate.hub.server.RecordedRequest;
import dev.modelgate.hub.testing.TestHubRepo;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RemoteFileIT {
  static final int SIZE = 2_000_000;
  static final int BLOCK = 16 * 1024;

  @TempDir Path tmp;
  HubServer server;
  HubClient client;
  byte[] data;
  String commit;

  @BeforeEach
  void start() throws Exception {
    data = new byte[SIZE];
    new Random(11).nextBytes(data);
    TestHubRepo.in(tmp, "acme/remote").file("weights.bin", data).metadata("gated: auto\n").write();
    server = HubServer.builder(tmp).cdn(true).start();
    client =
        HubClient.builder()
            .endpoint(server.uri())
            .token("hf_reader")
            .retryPolicy(RetryPolicy.fast(3))
            .remoteCache(BLOCK, 8)
            .build();
    commit = client.resolveCommit("acme/remote", "main");
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void readsOnlyTheBlocksItNeeds() throws Exception {
    try (RemoteFile f = client.openRemote("acme/remote", commit, "weights.bin")) {
      assertThat(f.size()).isEqualTo(SIZE);
      byte[] head = new byte[8];
      f.readFully(0, head, 0, 8);
      assertThat(head).isEqualTo(Arrays.copyOf(data, 8));
      byte[] again = new byte[100];
      f.readFully(8, again, 0, 100); // same block: cached
      assertThat(again).isEqualTo(Arrays.copyOfRange(data, 8, 108));
      byte[] tail = new byte[22];
      f.readFully(SIZE - 22, tail, 0, 22);
      assertThat(tail).isEqualTo(Arrays.copyOfRange(data, SIZE - 22, SIZE));
      assertThat(f.requestCount()).isEqualTo(2);
      assertThat(f.bytesFetched()).isEqualTo(BLOCK + (SIZE % BLOCK == 0 ? BLOCK : SIZE % BLOCK));
      assertThat(f.read(SIZE, new byte[1], 0, 1)).isEqualTo(-1);
      assertThatThrownBy(() -> f.readFully(SIZE - 1, new byte[2], 0, 2))
          .isInstanceOf(EOFException.class);
    }
    // range reads went to the CDN without the token
    assertThat(server.requests())
        .filteredOn(r -> r.listener().equals("cdn"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.authorization()).isNull())
        .allSatisfy(r -> assertThat(r.range()).startsWith("bytes="));
  }

  @Test
  void largeReadsBypassTheCacheAndChannelsReadEverything() throws Exception {
    try (RemoteFile f = client.openRemote("acme/remote", commit, "weights.bin")) {
      byte[] big = new byte[500_000];
      f.readFully(1000, big, 0, big.length);
      assertThat(big).isEqualTo(Arrays.copyOfRange(data, 1000, 501_000));
      assertThat(f.bytesFetched()).isEqualTo(500_000);
      SeekableByteChannel ch = f.channel().position(SIZE - 300_000);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(70_000);
      while (ch.read(buf.clear()) > 0) out.write(buf.array(), 0, buf.position());
      assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(data, SIZE - 300_000, SIZE));
    }
  }

  @Test
  void survivesCutsAndServersThatIgnoreRanges() throws Exception {
    try (RemoteFile f = client.openRemote("acme/remote", commit, "weights.bin")) {
      server.faults().cutAfter(1, 1000);
      byte[] b = new byte[BLOCK];
      f.readFully(5 * BLOCK, b, 0, BLOCK);
      assertThat(b).isEqualTo(Arrays.copyOfRange(data, 5 * BLOCK, 6 * BLOCK));
      server.faults().ignoreRange(1);
      f.readFully(9 * BLOCK + 7, b, 0, 10);
      assertThat(Arrays.copyOf(b, 10))
          .isEqualTo(Arrays.copyOfRange(data, 9 * BLOCK + 7, 9 * BLOCK + 17));
    }
    assertThat(server.requests()).extracting(RecordedRequest::status).contains(200, 206);
  }

  @Test
  void gatedFilesNeedTheToken() throws Exception {
    try (HubClient anonymous =
        HubClient.builder().endpoint(server.uri()).retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> anonymous.openRemote("acme/remote", commit, "weights.bin"))
          .isInstanceOf(GatedRepoException.class);
    }
  }
}
