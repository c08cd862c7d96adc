package dev.modelgate.webhook.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the certificate and key from mounted PEM files and picks up rotations (cert-manager,
 * Secret volume updates) without a restart: on a handshake, at most once per {@code checkEvery}, it
 * compares the files' modification times and sizes and reloads when they changed. A half-written or
 * mismatched pair is ignored (the previous pair keeps serving) until the files settle.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);
  private static final String ALIAS = "modelgate-webhook";

  private final Path certFile;
  private final Path keyFile;
  private final Duration checkEvery;
  private final Clock clock;

  private volatile PemFiles.KeyMaterial material;
  private volatile String fingerprint;
  private volatile long nextCheckMillis;

  /** Loads the pair now; a missing or invalid pair at start-up is an error, not a silent retry. */
  public ReloadingKeyManager(Path certFile, Path keyFile, Duration checkEvery, Clock clock)
      throws IOException {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.checkEvery = checkEvery;
    this.clock = clock;
    this.fingerprint = fingerprint();
    this.material = load();
    this.nextCheckMillis = clock.millis() + checkEvery.toMillis();
  }

  /** The leaf certificate currently served. */
  public X509Certificate current() {
    return material.chain()[0];
  }

  /** Reloads now if the files changed; returns whether a new pair is being served. */
  public synchronized boolean reloadIfChanged() {
    nextCheckMillis = clock.millis() + checkEvery.toMillis();
    String now;
    try {
      now = fingerprint();
    } catch (IOException e) {
      LOG.warn("tls files unreadable, keeping the current certificate: {}", e.getMessage());
      return false;
    }
    if (now.equals(fingerprint)) return false;
    try {
      material = load();
      fingerprint = now;
      LOG.info(
          "tls certificate reloaded subject=\"{}\" notAfter={}",
          current().getSubjectX500Principal().getName(),
          current().getNotAfter().toInstant());
      return true;
    } catch (IOException e) {
      LOG.warn(
          "tls files changed but are not a valid pair yet, keeping the current one: {}",
          e.getMessage());
      return false;
    }
  }

  private void maybeReload() {
    if (clock.millis() >= nextCheckMillis) reloadIfChanged();
  }

  private PemFiles.KeyMaterial load() throws IOException {
    PemFiles.KeyMaterial m = PemFiles.read(certFile, keyFile);
    if (!matches(m.key(), m.chain()[0].getPublicKey())) {
      throw new IOException("the private key does not belong to the certificate");
    }
    return m;
  }

  private String fingerprint() throws IOException {
    return Files.getLastModifiedTime(certFile).toMillis()
        + ":"
        + Files.size(certFile)
        + ":"
        + Files.getLastModifiedTime(keyFile).toMillis()
        + ":"
        + Files.size(keyFile);
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  static boolean matches(PrivateKey key, PublicKey pub) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
    try {
      byte[] probe = "modelgate".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(algorithm);
      v.initVerify(pub);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private String aliasFor(String keyType) {
    maybeReload();
    if (keyType == null) return ALIAS;
    String have = material.key().getAlgorithm().toUpperCase(Locale.ROOT);
    String want = keyType.toUpperCase(Locale.ROOT);
    boolean ok =
        switch (have) {
          case "RSA" -> want.startsWith("RSA");
          case "EC" -> want.startsWith("EC");
          default -> want.startsWith("ED") || want.equals(have);
        };
    return ok ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? material.chain().clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? material.key() : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }
}
