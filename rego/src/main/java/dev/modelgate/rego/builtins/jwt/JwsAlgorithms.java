package dev.modelgate.rego.builtins.jwt;

import dev.modelgate.rego.builtins.crypto.CryptoBuiltins;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** JWS signing and verification (HS*, RS*, PS*, ES*) with the JDK's providers. */
final class JwsAlgorithms {
  private JwsAlgorithms() {}

  /** A verification or signing key: an HMAC secret or a JDK key. */
  record JwsKey(byte[] secret, Key key, String kid) {}

  static boolean isHmac(String alg) {
    return alg.startsWith("HS");
  }

  private static String bits(String alg) {
    return alg.substring(2);
  }

  private static String hmacName(String alg) {
    return switch (alg) {
      case "HS256" -> "HmacSHA256";
      case "HS384" -> "HmacSHA384";
      case "HS512" -> "HmacSHA512";
      default -> throw new IllegalArgumentException("unsupported signature algorithm: " + alg);
    };
  }

  private static Signature signature(String alg) throws GeneralSecurityException {
    if (alg.length() != 5 || !List.of("256", "384", "512").contains(bits(alg))) {
      throw new IllegalArgumentException("unsupported signature algorithm: " + alg);
    }
    String sha = "SHA" + bits(alg);
    switch (alg.substring(0, 2)) {
      case "RS" -> {
        return Signature.getInstance(sha + "withRSA");
      }
      case "ES" -> {
        return Signature.getInstance(sha + "withECDSAinP1363Format");
      }
      case "PS" -> {
        Signature s = Signature.getInstance("RSASSA-PSS");
        String md = "SHA-" + bits(alg);
        int saltLen = Integer.parseInt(bits(alg)) / 8;
        s.setParameter(new PSSParameterSpec(md, "MGF1", new MGF1ParameterSpec(md), saltLen, 1));
        return s;
      }
      default -> throw new IllegalArgumentException("unsupported signature algorithm: " + alg);
    }
  }

  static byte[] sign(String alg, JwsKey key, byte[] input) {
    try {
      if (isHmac(alg)) {
        if (key.secret() == null) {
          throw new IllegalArgumentException("invalid key for " + alg);
        }
        return CryptoBuiltins.mac(hmacName(alg), key.secret(), input);
      }
      if (!(key.key() instanceof PrivateKey pk)) {
        throw new IllegalArgumentException("invalid key for " + alg);
      }
      Signature s = signature(alg);
      s.initSign(pk);
      s.update(input);
      return s.sign();
    } catch (GeneralSecurityException | dev.modelgate.rego.builtins.BuiltinException e) {
      throw new IllegalArgumentException("failed to sign: " + e.getMessage());
    }
  }

  static boolean verify(String alg, JwsKey key, byte[] input, byte[] sig) {
    try {
      if (isHmac(alg)) {
        if (key.secret() == null) {
          return false;
        }
        return MessageDigest.isEqual(CryptoBuiltins.mac(hmacName(alg), key.secret(), input), sig);
      }
      if (!(key.key() instanceof PublicKey pk)) {
        return false;
      }
      Signature s = signature(alg);
      s.initVerify(pk);
      s.update(input);
      return s.verify(sig);
    } catch (GeneralSecurityException | dev.modelgate.rego.builtins.BuiltinException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ keys

  private static BigInteger b64int(Object v) {
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("invalid JWK: missing parameter");
    }
    return new BigInteger(1, Base64.getUrlDecoder().decode(s));
  }

  private static String curve(String crv) {
    return switch (crv) {
      case "P-256" -> "secp256r1";
      case "P-384" -> "secp384r1";
      case "P-521" -> "secp521r1";
      default -> throw new IllegalArgumentException("unsupported curve: " + crv);
    };
  }

  /** A key from a JWK (already parsed into plain Java maps). */
  static JwsKey fromJwk(Map<?, ?> jwk) {
    Object kty = jwk.get("kty");
    String kid = jwk.get("kid") instanceof String s ? s : null;
    try {
      if ("oct".equals(kty)) {
        if (!(jwk.get("k") instanceof String k)) {
          throw new IllegalArgumentException("invalid JWK: missing k");
        }
        return new JwsKey(Base64.getUrlDecoder().decode(k), null, kid);
      }
      if ("RSA".equals(kty)) {
        KeyFactory f = KeyFactory.getInstance("RSA");
        BigInteger n = b64int(jwk.get("n"));
        if (jwk.get("d") != null) {
          return new JwsKey(
              null, f.generatePrivate(new RSAPrivateKeySpec(n, b64int(jwk.get("d")))), kid);
        }
        return new JwsKey(
            null, f.generatePublic(new RSAPublicKeySpec(n, b64int(jwk.get("e")))), kid);
      }
      if ("EC".equals(kty)) {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(curve(String.valueOf(jwk.get("crv")))));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        KeyFactory f = KeyFactory.getInstance("EC");
        if (jwk.get("d") != null) {
          return new JwsKey(
              null, f.generatePrivate(new ECPrivateKeySpec(b64int(jwk.get("d")), spec)), kid);
        }
        ECPoint w = new ECPoint(b64int(jwk.get("x")), b64int(jwk.get("y")));
        return new JwsKey(null, f.generatePublic(new ECPublicKeySpec(w, spec)), kid);
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("failed to parse JWK: " + e.getMessage());
    }
    throw new IllegalArgumentException("unsupported JWK key type: " + kty);
  }

  /** Public keys from a PEM certificate or PEM public key. */
  static List<JwsKey> fromPem(String pem) {
    List<JwsKey> out = new ArrayList<>();
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (var cert :
            cf.generateCertificates(
                new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
          out.add(new JwsKey(null, cert.getPublicKey(), null));
        }
        return out;
      }
      if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
        String body =
            pem.substring(
                    pem.indexOf("-----BEGIN PUBLIC KEY-----") + 26,
                    pem.indexOf("-----END PUBLIC KEY-----"))
                .chars()
                .filter(ch -> !Character.isWhitespace(ch))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        byte[] der = Base64.getDecoder().decode(body);
        for (String alg : List.of("RSA", "EC")) {
          try {
            out.add(
                new JwsKey(
                    null,
                    KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der)),
                    null));
            return out;
          } catch (GeneralSecurityException wrongType) {
            // try the next key type
          }
        }
      }
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("failed to parse a PEM certificate: " + e.getMessage());
    }
    throw new IllegalArgumentException("failed to find a PEM certificate or public key");
  }
}
