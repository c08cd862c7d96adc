package dev.modelgate.rego.builtins.x509;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NullValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * crypto.x509.parse_certificates, parse_and_verify_certificates (parsing only), parse_keypair and
 * parse_rsa_private_key. Certificates are shown with the commonly used fields of Go's
 * x509.Certificate JSON (Subject/Issuer names, validity, SANs, CA flag, serial number, Raw).
 */
public final class X509Builtins {
  private static final int MAX_INPUT = 4 * 1024 * 1024;

  private X509Builtins() {}

  public static void register(BuiltinRegistry r) {
    r.function(
        "crypto.x509.parse_certificates", 1, guarded((c, a) -> certificates(Args.string(a, 0))));
    r.function("crypto.x509.parse_rsa_private_key", 1, guarded(X509Builtins::rsaPrivateKey));
    r.function("crypto.x509.parse_keypair", 2, guarded(X509Builtins::keypair));
    r.function(
        "crypto.x509.parse_certificate_request",
        1,
        guarded((c, a) -> certificateRequest(Args.string(a, 0))));
  }

  /** PEM text, or base64 of PEM or DER, as OPA accepts certificate input. */
  static byte[] pemOrDer(String s) {
    if (s.length() > MAX_INPUT) {
      throw new IllegalArgumentException("input too large");
    }
    if (s.contains("-----BEGIN")) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }
    // Go's StdEncoding: the plain alphabet, padding required (line breaks are ignored).
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\r' || ch == '\n') {
        continue;
      }
      boolean ok =
          (ch < 128 && Character.isLetterOrDigit(ch)) || ch == '+' || ch == '/' || ch == '=';
      if (!ok) {
        throw new IllegalArgumentException("illegal base64 data at input byte " + i);
      }
      t.append(ch);
    }
    if (t.length() % 4 != 0) {
      throw new IllegalArgumentException(
          "illegal base64 data at input byte " + (t.length() / 4) * 4);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(t.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("illegal base64 data at input byte 0");
    }
    return raw;
  }

  private static Value certificates(String input) throws BuiltinException {
    byte[] data = pemOrDer(input);
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Collection<? extends java.security.cert.Certificate> certs =
          cf.generateCertificates(new ByteArrayInputStream(data));
      List<Value> out = new ArrayList<>();
      for (var c : certs) {
        out.add(describe((X509Certificate) c));
      }
      return ArrayValue.of(out);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw BuiltinException.error("x509: malformed certificate: " + e.getMessage());
    }
  }

  private static Value strings(List<String> xs) {
    if (xs.isEmpty()) {
      return NullValue.INSTANCE;
    }
    List<Value> out = new ArrayList<>();
    for (String x : xs) {
      out.add(StringValue.of(x));
    }
    return ArrayValue.of(out);
  }

  /** A pkix.Name as Go's JSON shows it. */
  static Value name(javax.security.auth.x500.X500Principal p) {
    Map<String, List<String>> attrs = new LinkedHashMap<>();
    try {
      List<Rdn> rdns = new ArrayList<>(new LdapName(p.getName()).getRdns());
      for (Rdn rdn : rdns) {
        attrs
            .computeIfAbsent(
                rdn.getType().toUpperCase(java.util.Locale.ROOT), k -> new ArrayList<>())
            .add(String.valueOf(rdn.getValue()));
      }
    } catch (InvalidNameException e) {
      // leave the attributes empty
    }
    ObjectValue.Builder b = ObjectValue.builder();
    b.put("Country", strings(attrs.getOrDefault("C", List.of())));
    b.put("Organization", strings(attrs.getOrDefault("O", List.of())));
    b.put("OrganizationalUnit", strings(attrs.getOrDefault("OU", List.of())));
    b.put("Locality", strings(attrs.getOrDefault("L", List.of())));
    b.put("Province", strings(attrs.getOrDefault("ST", List.of())));
    b.put("StreetAddress", strings(attrs.getOrDefault("STREET", List.of())));
    b.put("PostalCode", strings(List.of()));
    List<String> serial =
        attrs.getOrDefault("2.5.4.5", attrs.getOrDefault("SERIALNUMBER", List.of()));
    b.put("SerialNumber", StringValue.of(serial.isEmpty() ? "" : serial.get(0)));
    List<String> cn = attrs.getOrDefault("CN", List.of());
    b.put("CommonName", StringValue.of(cn.isEmpty() ? "" : cn.get(cn.size() - 1)));
    return b.build();
  }

  private static Value describe(X509Certificate c) throws GeneralSecurityException {
    ObjectValue.Builder b = ObjectValue.builder();
    b.put("Raw", StringValue.of(Base64.getEncoder().encodeToString(c.getEncoded())));
    b.put("Version", NumberValue.of(c.getVersion()));
    b.put("SerialNumber", NumberValue.of(c.getSerialNumber()));
    b.put("Subject", name(c.getSubjectX500Principal()));
    b.put("Issuer", name(c.getIssuerX500Principal()));
    DateTimeFormatter rfc3339 = DateTimeFormatter.ISO_INSTANT;
    b.put("NotBefore", StringValue.of(rfc3339.format(c.getNotBefore().toInstant())));
    b.put("NotAfter", StringValue.of(rfc3339.format(c.getNotAfter().toInstant())));
    List<String> dns = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    Collection<List<?>> sans = c.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String v = String.valueOf(san.get(1));
        switch (type) {
          case 1 -> emails.add(v);
          case 2 -> dns.add(v);
          case 6 -> uris.add(v);
          case 7 -> ips.add(v);
          default -> {}
        }
      }
    }
    b.put("DNSNames", strings(dns));
    b.put("EmailAddresses", strings(emails));
    b.put("IPAddresses", strings(ips));
    b.put("URIStrings", strings(uris));
    int pathLen = c.getBasicConstraints();
    b.put("BasicConstraintsValid", BooleanValue.of(c.getExtensionValue("2.5.29.19") != null));
    b.put("IsCA", BooleanValue.of(pathLen >= 0));
    b.put("MaxPathLen", NumberValue.of(pathLen == Integer.MAX_VALUE ? -1 : Math.max(pathLen, 0)));
    boolean[] ku = c.getKeyUsage();
    int bits = 0;
    if (ku != null) {
      for (int i = 0; i < ku.length && i < 9; i++) {
        if (ku[i]) {
          bits |= 1 << i;
        }
      }
    }
    b.put("KeyUsage", NumberValue.of(bits));
    b.put("PublicKeyAlgorithmName", StringValue.of(c.getPublicKey().getAlgorithm()));
    b.put("SignatureAlgorithmName", StringValue.of(c.getSigAlgName()));
    return b.build();
  }

  /** A DER TLV: tag, start of the value, end of the value. */
  private record Tlv(int tag, int header, int start, int end) {}

  private static Tlv tlv(byte[] d, int pos, int limit) {
    if (pos + 2 > limit) {
      throw new IllegalArgumentException("x509: malformed certificate request");
    }
    int tag = d[pos] & 0xff;
    int len = d[pos + 1] & 0xff;
    int i = pos + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 3 || i + n > limit) {
        throw new IllegalArgumentException("x509: malformed certificate request");
      }
      len = 0;
      for (int k = 0; k < n; k++) {
        len = (len << 8) | (d[i++] & 0xff);
      }
    }
    if (i + len > limit) {
      throw new IllegalArgumentException("x509: malformed certificate request");
    }
    return new Tlv(tag, pos, i, i + len);
  }

  /** A PKCS#10 request: its subject (as a pkix.Name) and public key algorithm. */
  private static Value certificateRequest(String input) {
    byte[] data = pemOrDer(input);
    String text = new String(data, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN")) {
      byte[] der = pemBlock(text, "CERTIFICATE REQUEST");
      if (der == null) {
        der = pemBlock(text, "NEW CERTIFICATE REQUEST");
      }
      if (der == null) {
        throw new IllegalArgumentException("x509: malformed certificate request: no PEM block");
      }
      data = der;
    }
    Tlv req = tlv(data, 0, data.length);
    Tlv info = tlv(data, req.start(), req.end());
    Tlv version = tlv(data, info.start(), info.end());
    Tlv subject = tlv(data, version.end(), info.end());
    Tlv spki = tlv(data, subject.end(), info.end());
    if (req.tag() != 0x30
        || info.tag() != 0x30
        || version.tag() != 0x02
        || subject.tag() != 0x30
        || spki.tag() != 0x30) {
      throw new IllegalArgumentException("x509: malformed certificate request");
    }
    byte[] subjectDer = java.util.Arrays.copyOfRange(data, subject.header(), subject.end());
    byte[] spkiDer = java.util.Arrays.copyOfRange(data, spki.header(), spki.end());
    String keyAlg = "unknown";
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        KeyFactory.getInstance(alg)
            .generatePublic(new java.security.spec.X509EncodedKeySpec(spkiDer));
        keyAlg = alg;
        break;
      } catch (GeneralSecurityException wrongType) {
        // try the next one
      }
    }
    return ObjectValue.builder()
        .put(
            "Raw",
            StringValue.of(
                Base64.getEncoder()
                    .encodeToString(java.util.Arrays.copyOfRange(data, 0, req.end()))))
        .put("Version", NumberValue.of(data[version.start()] & 0xff))
        .put("Subject", name(new javax.security.auth.x500.X500Principal(subjectDer)))
        .put("PublicKeyAlgorithmName", StringValue.of(keyAlg))
        .build();
  }

  private static String b64url(BigInteger v) {
    byte[] raw = v.toByteArray();
    if (raw.length > 1 && raw[0] == 0) {
      raw = java.util.Arrays.copyOfRange(raw, 1, raw.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** DER length prefix. */
  private static byte[] derLength(int len) {
    if (len < 128) {
      return new byte[] {(byte) len};
    }
    if (len < 256) {
      return new byte[] {(byte) 0x81, (byte) len};
    }
    return new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo so the JDK can read it. */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octetLen = derLength(pkcs1.length);
    int bodyLen = version.length + algId.length + 1 + octetLen.length + pkcs1.length;
    byte[] seqLen = derLength(bodyLen);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(seqLen);
    out.writeBytes(version);
    out.writeBytes(algId);
    out.write(0x04);
    out.writeBytes(octetLen);
    out.writeBytes(pkcs1);
    return out.toByteArray();
  }

  private static byte[] pemBlock(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int i = pem.indexOf(begin);
    int j = pem.indexOf(end);
    if (i < 0 || j < i) {
      return null;
    }
    return Base64.getMimeDecoder().decode(pem.substring(i + begin.length(), j));
  }

  private static RSAPrivateCrtKey rsaKey(String input) {
    byte[] data = pemOrDer(input);
    String text = new String(data, StandardCharsets.US_ASCII);
    try {
      byte[] pkcs1 = pemBlock(text, "RSA PRIVATE KEY");
      byte[] pkcs8 = pkcs1 != null ? pkcs1ToPkcs8(pkcs1) : pemBlock(text, "PRIVATE KEY");
      if (pkcs8 == null) {
        pkcs8 = pkcs1ToPkcs8(data);
      }
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException("failed to parse RSA private key: " + e.getMessage());
    }
  }

  private static Value rsaPrivateKey(BuiltinContext c, List<Value> a) throws BuiltinException {
    RSAPrivateCrtKey k = rsaKey(Args.string(a, 0));
    return ObjectValue.builder()
        .put("kty", StringValue.of("RSA"))
        .put("n", StringValue.of(b64url(k.getModulus())))
        .put("e", StringValue.of(b64url(k.getPublicExponent())))
        .put("d", StringValue.of(b64url(k.getPrivateExponent())))
        .put("p", StringValue.of(b64url(k.getPrimeP())))
        .put("q", StringValue.of(b64url(k.getPrimeQ())))
        .put("dp", StringValue.of(b64url(k.getPrimeExponentP())))
        .put("dq", StringValue.of(b64url(k.getPrimeExponentQ())))
        .put("qi", StringValue.of(b64url(k.getCrtCoefficient())))
        .build();
  }

  /** parse_keypair: the certificate chain (base64 DER, as Go's tls.Certificate JSON) and key. */
  private static Value keypair(BuiltinContext c, List<Value> a) throws BuiltinException {
    byte[] certData = pemOrDer(Args.string(a, 0));
    byte[] keyData = pemOrDer(Args.string(a, 1));
    List<Value> chain = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (var cert : cf.generateCertificates(new ByteArrayInputStream(certData))) {
        chain.add(StringValue.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
      }
    } catch (GeneralSecurityException e) {
      throw BuiltinException.error("tls: failed to find any PEM data in certificate input");
    }
    if (chain.isEmpty()) {
      throw BuiltinException.error("tls: failed to find any PEM data in certificate input");
    }
    String keyText = new String(keyData, StandardCharsets.US_ASCII);
    if (!keyText.contains("PRIVATE KEY-----")) {
      throw BuiltinException.error("tls: failed to find any PEM data in key input");
    }
    return ObjectValue.builder()
        .put("Certificate", ArrayValue.of(chain))
        .put("PrivateKey", ObjectValue.EMPTY)
        .build();
  }
}
