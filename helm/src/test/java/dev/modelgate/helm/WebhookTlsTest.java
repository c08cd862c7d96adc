package dev.modelgate.helm;

import static dev.modelgate.helm.ChartUnderTest.NAMESPACE;
import static dev.modelgate.helm.Manifests.at;
import static dev.modelgate.helm.Manifests.list;
import static dev.modelgate.helm.Manifests.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.modelgate.webhook.tls.PemFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook's TLS: Helm-generated CA + certificate by default, cert-manager when enabled. */
class WebhookTlsTest {

  private static final String SERVICE = "mg-modelgate-webhook";
  private static final String TLS_SECRET = "mg-modelgate-webhook-tls";

  @Test
  void caBundleIsTheCaThatSignedTheServingCertificate() throws Exception {
    Manifests m = ChartUnderTest.render(ValueSets.DEFAULTS);
    Map<String, Object> secret = m.one("Secret", TLS_SECRET);
    X509Certificate serving = cert(decode(str(secret, "data.tls.crt")));
    X509Certificate secretCa = cert(decode(str(secret, "data.ca.crt")));

    List<Map<String, Object>> webhooks =
        list(m.one("ValidatingWebhookConfiguration", "mg-modelgate"), "webhooks");
    assertThat(webhooks).hasSize(2);
    for (Map<String, Object> webhook : webhooks) {
      X509Certificate bundleCa = cert(decode(str(webhook, "clientConfig.caBundle")));
      assertThat(bundleCa).isEqualTo(secretCa);
      // Throws if the serving certificate was not signed by the CA the API server will trust.
      serving.verify(bundleCa.getPublicKey());
      assertThat(serving.getIssuerX500Principal()).isEqualTo(bundleCa.getSubjectX500Principal());
      assertThat(bundleCa.getBasicConstraints()).as("CA flag").isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void servingCertificateNamesTheServiceAndIsCurrent() throws Exception {
    Manifests m = ChartUnderTest.render(ValueSets.DEFAULTS);
    Map<String, Object> secret = m.one("Secret", TLS_SECRET);
    X509Certificate serving = cert(decode(str(secret, "data.tls.crt")));

    assertThat(dnsNames(serving))
        .contains(
            SERVICE + "." + NAMESPACE + ".svc", SERVICE + "." + NAMESPACE + ".svc.cluster.local");
    serving.checkValidity(new Date());
    serving.checkValidity(Date.from(Instant.now().plus(Duration.ofDays(365))));
    assertThat(str(secret, "type")).isEqualTo("kubernetes.io/tls");

    // The Service the webhook configuration calls is the one the certificate names.
    Map<String, Object> webhook =
        list(m.one("ValidatingWebhookConfiguration", "mg-modelgate"), "webhooks").get(0);
    assertThat(str(webhook, "clientConfig.service.name")).isEqualTo(SERVICE);
    assertThat(str(webhook, "clientConfig.service.namespace")).isEqualTo(NAMESPACE);
    m.one("Service", SERVICE);
  }

  @Test
  void privateKeyBelongsToTheServingCertificate(@TempDir Path mount) throws Exception {
    Map<String, Object> secret =
        ChartUnderTest.render(ValueSets.DEFAULTS).one("Secret", TLS_SECRET);
    X509Certificate serving = cert(decode(str(secret, "data.tls.crt")));
    PrivateKey key = webhookReadsKey(mount, decode(str(secret, "data.tls.key")));

    byte[] challenge = "modelgate".getBytes(StandardCharsets.UTF_8);
    String alg = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    Signature signer = Signature.getInstance(alg);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(alg);
    verifier.initVerify(serving.getPublicKey());
    verifier.update(challenge);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void webhookPodsMountTheSecretAndRollWhenItChanges() {
    Manifests m = ChartUnderTest.render(ValueSets.DEFAULTS);
    Map<String, Object> deployment = m.one("Deployment", SERVICE);
    assertThat(secretVolumes(deployment)).containsExactly(TLS_SECRET);
    assertThat(str(deployment, "spec.template.metadata.annotations.checksum/tls")).hasSize(64);
  }

  @Test
  void certManagerModeIssuesTheCertificateAndInjectsTheCa() {
    Manifests m = ChartUnderTest.render(ValueSets.CERT_MANAGER);

    assertThat(m.ofKind("Secret")).as("no Helm-generated key material").isEmpty();
    Map<String, Object> certificate = m.one("Certificate", SERVICE);
    assertThat(str(certificate, "spec.secretName")).isEqualTo(TLS_SECRET);
    assertThat(Manifests.strings(certificate, "spec.dnsNames"))
        .contains(SERVICE + "." + NAMESPACE + ".svc");
    // The serving certificate comes from the chart's CA issuer, which a self-signed issuer
    // bootstraps.
    assertThat(str(certificate, "spec.issuerRef.name")).isEqualTo("mg-modelgate-ca");
    assertThat(str(m.one("Certificate", "mg-modelgate-ca"), "spec.isCA")).isEqualTo("true");
    assertThat(at(m.one("Issuer", "mg-modelgate-selfsigned"), "spec.selfSigned")).isNotNull();
    assertThat(str(m.one("Issuer", "mg-modelgate-ca"), "spec.ca.secretName"))
        .isEqualTo(str(m.one("Certificate", "mg-modelgate-ca"), "spec.secretName"));

    Map<String, Object> vwc = m.one("ValidatingWebhookConfiguration", "mg-modelgate");
    assertThat(str(vwc, "metadata.annotations.cert-manager.io/inject-ca-from"))
        .isEqualTo(NAMESPACE + "/" + SERVICE);
    for (Map<String, Object> webhook : list(vwc, "webhooks")) {
      assertThat(at(webhook, "clientConfig.caBundle")).as("cainjector fills it").isNull();
    }
    Map<String, Object> deployment = m.one("Deployment", SERVICE);
    assertThat(secretVolumes(deployment)).containsExactly(TLS_SECRET);
    assertThat(at(deployment, "spec.template.metadata.annotations.checksum/tls")).isNull();
  }

  @Test
  void certManagerWithAnExistingIssuerCreatesNoIssuers() {
    Manifests m = ChartUnderTest.render(ValueSets.EVERYTHING_ON);

    assertThat(m.ofKind("Issuer")).isEmpty();
    assertThat(m.ofKind("Certificate")).hasSize(1);
    Map<String, Object> certificate = m.one("Certificate", SERVICE);
    assertThat(str(certificate, "spec.issuerRef.kind")).isEqualTo("ClusterIssuer");
    assertThat(str(certificate, "spec.issuerRef.name")).isEqualTo("corp-ca");
  }

  @Test
  void everyRenderingMakesAFreshKeyPair() throws Exception {
    String first =
        str(ChartUnderTest.render(ValueSets.DEFAULTS).one("Secret", TLS_SECRET), "data.tls.key");
    String second =
        str(ChartUnderTest.render(ValueSets.DEFAULTS).one("Secret", TLS_SECRET), "data.tls.key");
    assertThat(first).isNotEqualTo(second);
    assertThatCode(() -> decode(first)).doesNotThrowAnyException();
  }

  private static List<String> secretVolumes(Map<String, Object> deployment) {
    return list(deployment, "spec.template.spec.volumes").stream()
        .map(v -> str(v, "secret.secretName"))
        .filter(s -> s != null)
        .toList();
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64);
  }

  static X509Certificate cert(byte[] pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
  }

  private static List<String> dnsNames(X509Certificate cert) throws Exception {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    return sans == null
        ? List.of()
        : sans.stream()
            .filter(s -> Integer.valueOf(2).equals(s.get(0)))
            .map(s -> (String) s.get(1))
            .toList();
  }

  /**
   * Helm writes PKCS#1 RSA keys ("RSA PRIVATE KEY"): read the key exactly as the webhook reads the
   * mounted Secret, which also proves the webhook accepts what the chart generates.
   */
  private static PrivateKey webhookReadsKey(Path mount, byte[] keyPem) throws Exception {
    Path keyFile = Files.write(mount.resolve("tls.key"), keyPem);
    return PemFiles.privateKey(keyFile);
  }
}
