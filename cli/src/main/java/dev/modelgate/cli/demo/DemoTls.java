package dev.modelgate.cli.demo;

import dev.modelgate.webhook.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate for the webhook on 127.0.0.1 ({@code tls.crt}/{@code tls.key}, EC P-256,
 * valid a week), made by the webhook's {@link SelfSignedCertificate}. The demo's admission client
 * trusts exactly this certificate, as the API server trusts the caBundle.
 */
public record DemoTls(Path certFile, Path keyFile, X509Certificate certificate) {

  public static DemoTls generate(Path dir) throws IOException {
    try {
      SelfSignedCertificate.Pair pair =
          SelfSignedCertificate.generate(dir, "tls", "modelgate-demo-webhook", "EC", 7);
      return new DemoTls(pair.certFile(), pair.keyFile(), pair.certificate());
    } catch (IOException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the demo certificate", e);
    } catch (Exception e) {
      throw new IOException("cannot make the demo certificate: " + e.getMessage(), e);
    }
  }

  /** A TLS context trusting exactly this certificate. */
  public SSLContext clientContext() throws IOException {
    try {
      return SelfSignedCertificate.trusting(certificate);
    } catch (Exception e) {
      throw new IOException("cannot build a TLS context for the demo certificate", e);
    }
  }
}
