package dev.modelgate.webhook.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a serving certificate chain and its private key from PEM files, as cert-manager and
 * Kubernetes TLS Secrets mount them: {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1)
 * or {@code EC PRIVATE KEY} (SEC1); RSA, EC and Ed25519 keys.
 */
public final class PemFiles {

  private static final int MAX_PEM_BYTES = 1024 * 1024;

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private PemFiles() {}

  /** A certificate chain (leaf first) and its key. */
  public record KeyMaterial(X509Certificate[] chain, PrivateKey key) {}

  public static KeyMaterial read(Path certFile, Path keyFile) throws IOException {
    X509Certificate[] chain = certificates(readBounded(certFile), certFile);
    PrivateKey key = privateKey(readBounded(keyFile), keyFile);
    return new KeyMaterial(chain, key);
  }

  /** Reads just the private key file, in any of the encodings above. */
  public static PrivateKey privateKey(Path keyFile) throws IOException {
    return privateKey(readBounded(keyFile), keyFile);
  }

  private static String readBounded(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_PEM_BYTES) throw new IOException(file + " is larger than 1 MiB");
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  static X509Certificate[] certificates(String pem, Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      Matcher m = BLOCK.matcher(pem);
      while (m.find()) {
        if (!m.group(1).equals("CERTIFICATE")) continue;
        Certificate c = cf.generateCertificate(new ByteArrayInputStream(der(m.group(2))));
        out.add((X509Certificate) c);
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + ": not a valid PEM certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) throw new IOException(file + ": no CERTIFICATE block");
    return out.toArray(new X509Certificate[0]);
  }

  static PrivateKey privateKey(String pem, Path file) throws IOException {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      byte[] der;
      try {
        der = der(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": bad base64 in " + type, e);
      }
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(der, file);
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(Der.wrapPkcs1Rsa(der), file);
        }
        case "EC PRIVATE KEY" -> {
          return pkcs8(Der.wrapSec1Ec(der), file);
        }
        default -> {
          // e.g. EC PARAMETERS before the key: skip
        }
      }
    }
    throw new IOException(file + ": no unencrypted private key (PRIVATE KEY, RSA/EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IOException(file + ": unsupported or corrupt private key");
  }

  private static byte[] der(String base64) {
    return Base64.getMimeDecoder().decode(base64);
  }
}
