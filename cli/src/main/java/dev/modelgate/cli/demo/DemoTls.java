package dev.modelgate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate for the webhook on 127.0.0.1, made with the JDK's own {@code keytool} (a
 * JRE ships it too) and written as PEM files the webhook reads. The demo's admission client trusts
 * exactly this certificate, as the API server trusts the caBundle.
 */
public record DemoTls(Path certFile, Path keyFile, X509Certificate certificate) {

  public static DemoTls generate(Path dir) throws IOException {
    char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
    Path store = dir.resolve("webhook.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "webhook",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=modelgate-demo-webhook",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-validity",
            "7",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            new String(password));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool failed: " + out.strip());
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, password);
      }
      X509Certificate cert = (X509Certificate) ks.getCertificate("webhook");
      PrivateKey key = (PrivateKey) ks.getKey("webhook", password);
      Path certFile = dir.resolve("tls.crt");
      Path keyFile = dir.resolve("tls.key");
      Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      Files.delete(store);
      return new DemoTls(certFile, keyFile, cert);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key keytool made: " + e.getMessage(), e);
    }
  }

  /** A TLS context trusting exactly this certificate. */
  public SSLContext clientContext() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("webhook", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
    return ctx;
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
