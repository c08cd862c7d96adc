package dev.modelgate.rego.builtins.x509;

import static dev.modelgate.rego.builtins.support.Call.callValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixtures made by openssl (see src/test/resources/x509/generate.sh). */
class X509BuiltinsTest {

  private static String resource(String name) throws Exception {
    try (InputStream in = X509BuiltinsTest.class.getResourceAsStream("/x509/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void parsesCertificatesFromPemAndBase64() throws Exception {
    String pem = resource("cert.pem");
    for (String input :
        List.of(pem, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))) {
      ArrayValue certs =
          (ArrayValue) callValues("crypto.x509.parse_certificates", List.of(Value.of(input)));
      ObjectValue c = (ObjectValue) certs.get(0);
      ObjectValue subject = (ObjectValue) c.get("Subject");
      assertThat(subject.get("CommonName")).isEqualTo(Value.of("modelgate.test"));
      assertThat(ValueJson.write(subject.get("Organization"))).isEqualTo("[\"ModelGate Test\"]");
      assertThat(ValueJson.write(c.get("DNSNames")))
          .isEqualTo("[\"modelgate.test\",\"*.modelgate.test\"]");
      assertThat(ValueJson.write(c.get("IPAddresses"))).isEqualTo("[\"127.0.0.1\"]");
      assertThat(c.get("IsCA").toString()).isEqualTo("true");
    }
    Throwable bad =
        catchThrowable(
            () -> callValues("crypto.x509.parse_certificates", List.of(Value.of("invalid"))));
    assertThat(bad).hasMessageContaining("illegal base64");
  }

  @Test
  void parsesCertificateRequests() throws Exception {
    ObjectValue csr =
        (ObjectValue)
            callValues(
                "crypto.x509.parse_certificate_request",
                List.of(Value.of(resource("request.csr"))));
    assertThat(((ObjectValue) csr.get("Subject")).get("CommonName"))
        .isEqualTo(Value.of("request.modelgate.test"));
    assertThat(csr.get("PublicKeyAlgorithmName")).isEqualTo(Value.of("RSA"));
    Throwable bad =
        catchThrowable(
            () -> callValues("crypto.x509.parse_certificate_request", List.of(Value.of("foobar"))));
    assertThat(bad).hasMessageContaining("illegal base64");
  }

  @Test
  void parsesPkcs1RsaKeysIntoJwks() throws Exception {
    ObjectValue jwk =
        (ObjectValue)
            callValues(
                "crypto.x509.parse_rsa_private_key", List.of(Value.of(resource("key-pkcs1.pem"))));
    assertThat(jwk.get("kty")).isEqualTo(Value.of("RSA"));
    assertThat(jwk.get("e")).isEqualTo(Value.of("AQAB"));
    assertThat(((StringValue) jwk.get("n")).value()).hasSize(342); // 2048-bit modulus, base64url
    // The JWK signs a token that the certificate's key verifies.
    Value token =
        callValues(
            "io.jwt.encode_sign",
            List.of(ValueJson.parse("{\"alg\":\"RS256\"}"), ValueJson.parse("{\"a\":1}"), jwk));
    Value ok = callValues("io.jwt.verify_rs256", List.of(token, Value.of(resource("cert.pem"))));
    assertThat(ok.toString()).isEqualTo("true");
  }
}
