package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgate.hub.HubClient;
import dev.modelgate.hub.RetryPolicy;
import dev.modelgate.hub.server.HubServer;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.ScanReport;
import dev.modelgate.scanner.Severity;
import dev.modelgate.scanner.remote.HubRepoScanner;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan hf://org/name against the real Hub server on loopback, reading with HTTP Range. */
class ScanHubIT {
  @TempDir Path root;

  /** A torch-like zip: a small pickle plus a large stored "tensor" that must not be fetched. */
  static byte[] torchLike(byte[] pickle, int tensorBytes) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.setMethod(ZipOutputStream.STORED);
      stored(z, "archive/data.pkl", pickle);
      byte[] tensor = new byte[tensorBytes];
      new Random(1).nextBytes(tensor);
      tensor[0] = 0; // not pickle-like
      stored(z, "archive/data/0", tensor);
    }
    return b.toByteArray();
  }

  private static void stored(ZipOutputStream z, String name, byte[] data) throws Exception {
    ZipEntry e = new ZipEntry(name);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    e.setCrc(crc.getValue());
    z.putNextEntry(e);
    z.write(data);
    z.closeEntry();
  }

  @Test
  void scansARepoRemotelyReadingOnlyWhatMatters() throws Exception {
    Path repo = root.resolve("acme/tiny");
    Files.createDirectories(repo);
    Files.write(repo.resolve("pytorch_model.bin"), torchLike(ScanCommandTest.BENIGN, 8 << 20));
    Files.write(repo.resolve("evil.pkl"), ScanCommandTest.EVIL);
    Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"x\"}");
    try (HubServer server = HubServer.builder(root).port(0).start();
        HubClient hub =
            HubClient.builder()
                .endpoint("http://127.0.0.1:" + server.port())
                .retryPolicy(RetryPolicy.fast(5))
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
      ScanReport r =
          HubRepoScanner.scan(
              new ModelScanner(), hub, HubRepoScanner.parse("hf://acme/tiny@main"), f -> {});
      assertThat(r.files())
          .extracting(FileReport::path)
          .contains("hf://acme/tiny@main/pytorch_model.bin", "hf://acme/tiny@main/evil.pkl");
      FileReport model =
          r.files().stream().filter(f -> f.path().endsWith(".bin")).findFirst().orElseThrow();
      assertThat(model.format()).isEqualTo("pytorch-zip");
      assertThat(model.severity()).isLessThan(Severity.HIGH);
      assertThat(model.size()).isGreaterThan(8 << 20);
      assertThat(model.bytesRead()).isLessThan(1 << 20); // the 8 MiB tensor was not fetched
      FileReport evil =
          r.files().stream().filter(f -> f.path().endsWith("evil.pkl")).findFirst().orElseThrow();
      assertThat(evil.severity()).isEqualTo(Severity.CRITICAL);

      // the same through the command, with HF_ENDPOINT pointing at the local Hub
      CliRun run =
          withEndpoint(
              "http://127.0.0.1:" + server.port(),
              () -> CliRun.of("scan", "--format", "json", "hf://acme/tiny"));
      assertThat(run.exit()).isEqualTo(1);
      JsonNode json = new ObjectMapper().readTree(run.out());
      assertThat(json.path("files")).hasSize(3);
    }
  }

  private static CliRun withEndpoint(String endpoint, java.util.function.Supplier<CliRun> body) {
    String old = System.getProperty("modelgate.hf.endpoint");
    System.setProperty("modelgate.hf.endpoint", endpoint);
    try {
      return body.get();
    } finally {
      if (old == null) {
        System.clearProperty("modelgate.hf.endpoint");
      } else {
        System.setProperty("modelgate.hf.endpoint", old);
      }
    }
  }
}
