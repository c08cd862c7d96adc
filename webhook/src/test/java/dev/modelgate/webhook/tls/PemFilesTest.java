package dev.modelgate.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key encodings cert-manager and Kubernetes TLS Secrets use, made at test time by the openssl
 * command (skipped where it is not installed): PKCS#1 RSA, SEC1 EC (with its EC PARAMETERS block),
 * PKCS#8.
 */
class PemFilesTest {

  @TempDir Path dir;

  private static boolean run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static boolean hasOpenssl() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private void selfSigned(String key) throws Exception {
    assertThat(
            run(
                dir,
                "openssl",
                "req",
                "-x509",
                "-new",
                "-key",
                key,
                "-subj",
                "/CN=pem-test",
                "-days",
                "1",
                "-out",
                "cert.pem"))
        .isTrue();
  }

  @Test
  void readsPkcs1Rsa() throws Exception {
    assumeTrue(hasOpenssl(), "openssl not installed");
    assertThat(run(dir, "openssl", "genrsa", "-traditional", "-out", "rsa.pem", "2048")).isTrue();
    assertThat(Files.readString(dir.resolve("rsa.pem"))).contains("BEGIN RSA PRIVATE KEY");
    selfSigned("rsa.pem");
    PemFiles.KeyMaterial m = PemFiles.read(dir.resolve("cert.pem"), dir.resolve("rsa.pem"));
    assertThat(m.key().getAlgorithm()).isEqualTo("RSA");
    assertThat(ReloadingKeyManager.matches(m.key(), m.chain()[0].getPublicKey())).isTrue();
  }

  @Test
  void readsSec1EcWithParametersBlock() throws Exception {
    assumeTrue(hasOpenssl(), "openssl not installed");
    assertThat(run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem"))
        .isTrue();
    assertThat(Files.readString(dir.resolve("ec.pem")))
        .contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
    selfSigned("ec.pem");
    PemFiles.KeyMaterial m = PemFiles.read(dir.resolve("cert.pem"), dir.resolve("ec.pem"));
    assertThat(m.key().getAlgorithm()).isEqualTo("EC");
    assertThat(ReloadingKeyManager.matches(m.key(), m.chain()[0].getPublicKey())).isTrue();
  }

  @Test
  void readsPkcs8Ed25519AndRejectsAMismatchedPair() throws Exception {
    assumeTrue(hasOpenssl(), "openssl not installed");
    assertThat(run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "ed.pem")).isTrue();
    selfSigned("ed.pem");
    PemFiles.KeyMaterial m = PemFiles.read(dir.resolve("cert.pem"), dir.resolve("ed.pem"));
    assertThat(ReloadingKeyManager.matches(m.key(), m.chain()[0].getPublicKey())).isTrue();
    assertThat(run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "other.pem"))
        .isTrue();
    PemFiles.KeyMaterial other = PemFiles.read(dir.resolve("cert.pem"), dir.resolve("other.pem"));
    assertThat(ReloadingKeyManager.matches(other.key(), m.chain()[0].getPublicKey())).isFalse();
  }

  @Test
  void garbageIsAClearIOException() throws IOException {
    Files.writeString(
        dir.resolve("bad.pem"),
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
    Files.writeString(dir.resolve("empty.pem"), "nothing here");
    assertThatThrownBy(() -> PemFiles.read(dir.resolve("bad.pem"), dir.resolve("empty.pem")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid PEM certificate");
    assertThatThrownBy(
            () ->
                PemFiles.privateKey(
                    "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----", dir))
        .isInstanceOf(IOException.class);
  }
}
