package dev.modelgate.webhook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test-only TLS material, made at test time with the JDK's own {@code keytool} (no private key is
 * committed): a self-signed certificate for 127.0.0.1 written as PEM files, as a Secret volume
 * would mount them.
 */
public final class TestCerts {

  private static final char[] PASSWORD = "test-only".toCharArray();

  public record Pair(Path certFile, Path keyFile, X509Certificate certificate) {}

  private TestCerts() {}

  /** Generates a pair with {@code keytool -genkeypair} and writes {@code <name>.crt/.key} PEMs. */
  public static Pair generate(Path dir, String name, String keyAlg) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Files.deleteIfExists(store);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    var cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "webhook",
                "-keyalg",
                keyAlg,
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD)));
    if (keyAlg.equals("RSA")) cmd.addAll(java.util.List.of("-keysize", "2048"));
    if (keyAlg.equals("EC")) cmd.addAll(java.util.List.of("-groupname", "secp256r1"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate("webhook");
    PrivateKey key = (PrivateKey) ks.getKey("webhook", PASSWORD);
    Path certFile = dir.resolve(name + ".crt");
    Path keyFile = dir.resolve(name + ".key");
    Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new Pair(certFile, keyFile, cert);
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A client context that trusts exactly the given certificates. */
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
