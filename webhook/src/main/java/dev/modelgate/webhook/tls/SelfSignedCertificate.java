package dev.modelgate.webhook.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed serving certificate for 127.0.0.1/localhost, for benchmarks, tests and
 * local development. It is made with the running JDK's own {@code keytool} (so no private key is
 * ever committed) and written as PEM files, as a TLS Secret volume would mount them.
 */
public final class SelfSignedCertificate {

  /** Only protects the transient PKCS#12 store keytool writes; the PEM key is unencrypted. */
  private static final char[] STORE_PASSWORD = "self-signed-only".toCharArray();

  private static final String ALIAS = "webhook";

  /** The PEM files written and the certificate in them. */
  public record Pair(Path certFile, Path keyFile, X509Certificate certificate) {}

  private SelfSignedCertificate() {}

  /**
   * Writes {@code <name>.crt} and {@code <name>.key} into {@code dir} for a certificate with {@code
   * CN=<name>}, valid for two days.
   *
   * @param keyAlg {@code EC} (P-256) or {@code RSA} (2048 bits)
   */
  public static Pair generate(Path dir, String name, String keyAlg) throws Exception {
    return generate(dir, name, name, keyAlg, 2);
  }

  /**
   * Writes {@code <fileStem>.crt} and {@code <fileStem>.key} into {@code dir}.
   *
   * @param keyAlg {@code EC} (P-256) or {@code RSA} (2048 bits)
   */
  public static Pair generate(
      Path dir, String fileStem, String commonName, String keyAlg, int validityDays)
      throws Exception {
    Path store = dir.resolve(fileStem + ".p12");
    Files.deleteIfExists(store);
    runKeytool(store, commonName, keyAlg, validityDays);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, STORE_PASSWORD);
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
    PrivateKey key = (PrivateKey) ks.getKey(ALIAS, STORE_PASSWORD);
    Path certFile = dir.resolve(fileStem + ".crt");
    Path keyFile = dir.resolve(fileStem + ".key");
    Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new Pair(certFile, keyFile, cert);
  }

  private static void runKeytool(Path store, String commonName, String keyAlg, int validityDays)
      throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                ALIAS,
                "-keyalg",
                keyAlg,
                "-dname",
                "CN=" + commonName,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                Integer.toString(validityDays),
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD)));
    if (keyAlg.equals("RSA")) cmd.addAll(List.of("-keysize", "2048"));
    if (keyAlg.equals("EC")) cmd.addAll(List.of("-groupname", "secp256r1"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool failed: " + out);
    }
  }

  /** DER bytes as a PEM block of the given type, 64 base64 characters a line. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A client TLS context that trusts exactly the given certificates. */
  public static SSLContext trusting(X509Certificate... certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certs.length; i++) trust.setCertificateEntry("c" + i, certs[i]);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
