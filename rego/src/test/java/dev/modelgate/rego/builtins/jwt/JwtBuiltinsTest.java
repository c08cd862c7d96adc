package dev.modelgate.rego.builtins.jwt;

import static dev.modelgate.rego.builtins.support.Call.call;
import static dev.modelgate.rego.builtins.support.Call.error;
import static dev.modelgate.rego.builtins.support.Call.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.StringValue;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtBuiltinsTest {
  private static final String HS_KEY = "{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}"; // "secret"

  private static String b64(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  @Test
  void hmacRoundTripAndClaims() throws Exception {
    String token =
        ((StringValue)
                call(
                    "io.jwt.encode_sign",
                    "{\"alg\": \"HS256\", \"typ\": \"JWT\"}",
                    "{\"iss\": \"opa\", \"exp\": 2000000000, \"aud\": [\"a\", \"b\"]}",
                    HS_KEY))
            .value();
    assertThat(json("io.jwt.verify_hs256", q(token), "\"secret\"")).isEqualTo("true");
    assertThat(json("io.jwt.verify_hs256", q(token), "\"wrong\"")).isEqualTo("false");
    assertThat(json("io.jwt.decode", q(token)))
        .startsWith(
            "[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"aud\":[\"a\",\"b\"],\"exp\":2000000000,\"iss\":\"opa\"},\"");
    assertThat(
            json(
                "io.jwt.decode_verify",
                q(token),
                "{\"secret\": \"secret\", \"iss\": \"opa\", \"aud\": \"b\"}"))
        .startsWith("[true,");
    assertThat(json("io.jwt.decode_verify", q(token), "{\"secret\": \"secret\", \"aud\": \"c\"}"))
        .isEqualTo("[false,{},{}]");
    // expired relative to the given time (ns)
    assertThat(
            json(
                "io.jwt.decode_verify",
                q(token),
                "{\"secret\": \"secret\", \"aud\": \"a\", \"time\": 2000000000000000000}"))
        .isEqualTo("[false,{},{}]");
    assertThat(error("io.jwt.decode", "\"abc\""))
        .hasMessage("encoded JWT had no period separators");
  }

  @Test
  void ecdsaAndRsaWithJwks() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    var ecPair = ec.generateKeyPair();
    ECPublicKey pub = (ECPublicKey) ecPair.getPublic();
    String x = b64(pub.getW().getAffineX(), 32);
    String y = b64(pub.getW().getAffineY(), 32);
    String d = b64(((ECPrivateKey) ecPair.getPrivate()).getS(), 32);
    String priv =
        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
            + x
            + "\",\"y\":\""
            + y
            + "\",\"d\":\""
            + d
            + "\"}";
    String pubJwk =
        "{\\\"kty\\\":\\\"EC\\\",\\\"crv\\\":\\\"P-256\\\",\\\"x\\\":\\\""
            + x
            + "\\\",\\\"y\\\":\\\""
            + y
            + "\\\"}";
    String token =
        ((StringValue) call("io.jwt.encode_sign", "{\"alg\": \"ES256\"}", "{\"sub\": \"x\"}", priv))
            .value();
    assertThat(json("io.jwt.verify_es256", q(token), q(pubJwk))).isEqualTo("true");
    assertThat(json("io.jwt.verify_rs256", q(token), q(pubJwk))).isEqualTo("false");

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    var rsaPair = rsa.generateKeyPair();
    RSAPublicKey rpub = (RSAPublicKey) rsaPair.getPublic();
    String n =
        Base64.getUrlEncoder().withoutPadding().encodeToString(rpub.getModulus().toByteArray());
    String e =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(rpub.getPublicExponent().toByteArray());
    String rd =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ((RSAPrivateKey) rsaPair.getPrivate()).getPrivateExponent().toByteArray());
    for (String alg : new String[] {"RS256", "PS384"}) {
      String rt =
          ((StringValue)
                  call(
                      "io.jwt.encode_sign",
                      "{\"alg\": \"" + alg + "\"}",
                      "{}",
                      "{\"kty\":\"RSA\",\"n\":\""
                          + n
                          + "\",\"e\":\""
                          + e
                          + "\",\"d\":\""
                          + rd
                          + "\"}"))
              .value();
      String jwks =
          "{\\\"keys\\\":[{\\\"kty\\\":\\\"RSA\\\",\\\"n\\\":\\\""
              + n
              + "\\\",\\\"e\\\":\\\""
              + e
              + "\\\"}]}";
      assertThat(json("io.jwt.verify_" + alg.toLowerCase(), q(rt), q(jwks)))
          .as(alg)
          .isEqualTo("true");
      ArrayValue dv =
          (ArrayValue) call("io.jwt.decode_verify", q(rt), "{\"cert\": \"" + jwks + "\"}");
      assertThat(dv.get(0).toString()).isEqualTo("true");
    }
  }
}
