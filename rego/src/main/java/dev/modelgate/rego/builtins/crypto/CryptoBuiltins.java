package dev.modelgate.rego.builtins.crypto;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** crypto.md5/sha1/sha256, crypto.hmac.* (hex digests) and constant-time crypto.hmac.equal. */
public final class CryptoBuiltins {
  private CryptoBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("crypto.md5", 1, (c, a) -> digest(a, "MD5"));
    r.function("crypto.sha1", 1, (c, a) -> digest(a, "SHA-1"));
    r.function("crypto.sha256", 1, (c, a) -> digest(a, "SHA-256"));
    r.function("crypto.hmac.md5", 2, (c, a) -> hmac(c, a, "HmacMD5"));
    r.function("crypto.hmac.sha1", 2, (c, a) -> hmac(c, a, "HmacSHA1"));
    r.function("crypto.hmac.sha256", 2, (c, a) -> hmac(c, a, "HmacSHA256"));
    r.function("crypto.hmac.sha512", 2, (c, a) -> hmac(c, a, "HmacSHA512"));
    r.function(
        "crypto.hmac.equal",
        2,
        (c, a) ->
            BooleanValue.of(
                MessageDigest.isEqual(
                    Args.string(a, 0).getBytes(StandardCharsets.UTF_8),
                    Args.string(a, 1).getBytes(StandardCharsets.UTF_8))));
  }

  private static Value digest(List<Value> a, String algorithm) throws BuiltinException {
    byte[] in = Args.string(a, 0).getBytes(StandardCharsets.UTF_8);
    try {
      return StringValue.of(
          HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(in)));
    } catch (GeneralSecurityException e) {
      throw BuiltinException.error(algorithm + " unavailable: " + e.getMessage());
    }
  }

  /** Hex HMAC of operand 1 keyed by operand 2. */
  static Value hmac(BuiltinContext c, List<Value> a, String algorithm) throws BuiltinException {
    byte[] msg = Args.string(a, 0).getBytes(StandardCharsets.UTF_8);
    byte[] key = Args.string(a, 1).getBytes(StandardCharsets.UTF_8);
    c.charge(1 + msg.length / 1024);
    return StringValue.of(HexFormat.of().formatHex(mac(algorithm, key, msg)));
  }

  /** A raw HMAC (an empty key is allowed, as Go's hmac package allows it). */
  public static byte[] mac(String algorithm, byte[] key, byte[] msg) throws BuiltinException {
    try {
      Mac m = Mac.getInstance(algorithm);
      // SecretKeySpec refuses empty keys; HMAC pads the key with zeros, so one zero byte is the
      // same key.
      m.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
      return m.doFinal(msg);
    } catch (GeneralSecurityException e) {
      throw BuiltinException.error(algorithm + " unavailable: " + e.getMessage());
    }
  }
}
