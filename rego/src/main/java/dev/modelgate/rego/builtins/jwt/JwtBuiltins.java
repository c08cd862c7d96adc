package dev.modelgate.rego.builtins.jwt;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.value.ArrayValue;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.NumberValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import dev.modelgate.rego.value.Values;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** io.jwt.decode, verify_*, decode_verify, encode_sign and encode_sign_raw (JWS compact form). */
public final class JwtBuiltins {
  private static final int MAX_TOKEN = 1 << 20;
  private static final int MAX_NESTING = 10;

  private JwtBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("io.jwt.decode", 1, guarded(JwtBuiltins::decode));
    for (String alg : List.of("HS256", "HS384", "HS512")) {
      r.function(
          "io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT),
          2,
          guarded((c, a) -> verifyWithSecret(a, alg)));
    }
    for (String alg :
        List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")) {
      r.function(
          "io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT),
          2,
          guarded((c, a) -> verifyWithCert(a, alg)));
    }
    r.function("io.jwt.decode_verify", 2, guarded(JwtBuiltins::decodeVerify));
    r.function("io.jwt.encode_sign", 3, guarded(JwtBuiltins::encodeSign));
    r.function("io.jwt.encode_sign_raw", 3, guarded(JwtBuiltins::encodeSignRaw));
  }

  /** The three sections of a compact JWS. */
  private record Token(String header, String payload, String signature) {
    byte[] signingInput() {
      return (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static Token split(String jwt) {
    if (jwt.length() > MAX_TOKEN) {
      throw new IllegalArgumentException("encoded JWT is too large");
    }
    String[] parts = jwt.split("\\.", -1);
    if (parts.length == 1) {
      throw new IllegalArgumentException("encoded JWT had no period separators");
    }
    if (parts.length != 3) {
      throw new IllegalArgumentException("encoded JWT must have 3 sections, found " + parts.length);
    }
    return new Token(parts[0], parts[1], parts[2]);
  }

  private static byte[] b64(String s, String what) {
    String t = s;
    while (t.endsWith("=")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Base64.getUrlDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "JWT " + what + " had invalid encoding: " + e.getMessage());
    }
  }

  private static ObjectValue jsonObject(byte[] bytes, String what) {
    Value v;
    try {
      v = ValueJson.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("JWT " + what + " is not valid JSON");
    }
    if (!(v instanceof ObjectValue o)) {
      throw new IllegalArgumentException("JWT " + what + " is not an object");
    }
    return o;
  }

  private static String text(ObjectValue o, String key) {
    return o.get(key) instanceof StringValue s ? s.value() : null;
  }

  private static Value decode(BuiltinContext c, List<Value> a) throws BuiltinException {
    Token t = split(Args.string(a, 0));
    for (int depth = 0; ; depth++) {
      ObjectValue header = jsonObject(b64(t.header, "header"), "header");
      byte[] payload = b64(t.payload, "payload");
      String cty = text(header, "cty");
      if (cty != null && cty.equalsIgnoreCase("JWT") && depth < MAX_NESTING) {
        t = split(new String(payload, StandardCharsets.UTF_8));
        continue;
      }
      ObjectValue body = jsonObject(payload, "payload");
      String sig = HexFormat.of().formatHex(b64(t.signature, "signature"));
      return ArrayValue.of(header, body, StringValue.of(sig));
    }
  }

  private static Value verifyWithSecret(List<Value> a, String alg) throws BuiltinException {
    Token t = split(Args.string(a, 0));
    byte[] secret = Args.string(a, 1).getBytes(StandardCharsets.UTF_8);
    return BooleanValue.of(
        JwsAlgorithms.verify(
            alg,
            new JwsAlgorithms.JwsKey(secret, null, null),
            t.signingInput(),
            b64(t.signature, "signature")));
  }

  /** Keys from a PEM certificate/public key, a JWK or a JWK set. */
  private static List<JwsAlgorithms.JwsKey> keys(String cert) {
    String trimmed = cert.trim();
    if (trimmed.startsWith("{")) {
      Object json = Values.toJava(ValueJson.parse(trimmed));
      if (json instanceof Map<?, ?> m && m.get("keys") instanceof List<?> list) {
        List<JwsAlgorithms.JwsKey> out = new ArrayList<>();
        for (Object k : list) {
          if (k instanceof Map<?, ?> km) {
            out.add(JwsAlgorithms.fromJwk(km));
          }
        }
        return out;
      }
      if (json instanceof Map<?, ?> m) {
        return List.of(JwsAlgorithms.fromJwk(m));
      }
    }
    return JwsAlgorithms.fromPem(cert);
  }

  private static boolean verifyAny(
      String alg, List<JwsAlgorithms.JwsKey> keys, String kid, Token t) {
    byte[] sig = b64(t.signature, "signature");
    for (JwsAlgorithms.JwsKey k : keys) {
      if (kid != null && k.kid() != null && !kid.equals(k.kid())) {
        continue;
      }
      if (JwsAlgorithms.verify(alg, k, t.signingInput(), sig)) {
        return true;
      }
    }
    return false;
  }

  private static Value verifyWithCert(List<Value> a, String alg) throws BuiltinException {
    Token t = split(Args.string(a, 0));
    List<JwsAlgorithms.JwsKey> keys = keys(Args.string(a, 1));
    return BooleanValue.of(verifyAny(alg, keys, null, t));
  }

  private static Value unverified() {
    return ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
  }

  private static Value decodeVerify(BuiltinContext c, List<Value> a) throws BuiltinException {
    String jwt = Args.string(a, 0);
    ObjectValue constraints = Args.object(a, 1);
    String cert = null;
    String secret = null;
    String alg = null;
    String iss = null;
    String aud = null;
    String sub = null;
    BigDecimal timeNs = BigDecimal.valueOf(c.nowNs());
    for (Map.Entry<Value, Value> e : constraints.entries().entrySet()) {
      String k = e.getKey() instanceof StringValue s ? s.value() : e.getKey().toString();
      Value v = e.getValue();
      switch (k) {
        case "cert" -> cert = constraintString(k, v);
        case "secret" -> secret = constraintString(k, v);
        case "alg" -> alg = constraintString(k, v);
        case "iss" -> iss = constraintString(k, v);
        case "aud" -> aud = constraintString(k, v);
        case "sub" -> sub = constraintString(k, v);
        case "time" -> {
          if (!(v instanceof NumberValue n)) {
            throw new IllegalArgumentException("token time constraint: must be a number");
          }
          timeNs = n.bigDecimal();
        }
        default -> throw new IllegalArgumentException("unknown token validation constraint: " + k);
      }
    }
    if (cert != null && secret != null) {
      throw new IllegalArgumentException("duplicate key constraints");
    }
    if (cert == null && secret == null) {
      throw new IllegalArgumentException("no key constraint specified");
    }
    ObjectValue header;
    byte[] payloadBytes;
    for (int depth = 0; ; depth++) {
      Token t = split(jwt);
      header = jsonObject(b64(t.header, "header"), "header");
      String hAlg = text(header, "alg");
      if (hAlg == null) {
        return unverified();
      }
      if (alg != null && !alg.equals(hAlg)) {
        return unverified();
      }
      boolean ok =
          secret != null
              ? JwsAlgorithms.isHmac(hAlg)
                  && verifyAny(
                      hAlg,
                      List.of(
                          new JwsAlgorithms.JwsKey(
                              secret.getBytes(StandardCharsets.UTF_8), null, null)),
                      null,
                      t)
              : !JwsAlgorithms.isHmac(hAlg) && verifyAny(hAlg, keys(cert), text(header, "kid"), t);
      if (!ok) {
        return unverified();
      }
      payloadBytes = b64(t.payload, "payload");
      String cty = text(header, "cty");
      if (cty != null && cty.equalsIgnoreCase("JWT") && depth < MAX_NESTING) {
        jwt = new String(payloadBytes, StandardCharsets.UTF_8);
        continue;
      }
      break;
    }
    ObjectValue payload = jsonObject(payloadBytes, "payload");
    if (iss != null && !iss.equals(text(payload, "iss"))) {
      return unverified();
    }
    if (sub != null && !sub.equals(text(payload, "sub"))) {
      return unverified();
    }
    Value tokenAud = payload.get("aud");
    if (tokenAud != null) {
      if (!validAudience(aud, tokenAud)) {
        return unverified();
      }
    } else if (aud != null) {
      return unverified();
    }
    BigDecimal nowSeconds = timeNs.divide(BigDecimal.valueOf(1_000_000_000L));
    Value exp = payload.get("exp");
    if (exp != null) {
      if (!(exp instanceof NumberValue n)) {
        throw new IllegalArgumentException("exp value must be a number");
      }
      if (nowSeconds.compareTo(n.bigDecimal()) >= 0) {
        return unverified();
      }
    }
    Value nbf = payload.get("nbf");
    if (nbf != null) {
      if (!(nbf instanceof NumberValue n)) {
        throw new IllegalArgumentException("nbf value must be a number");
      }
      if (nowSeconds.compareTo(n.bigDecimal()) < 0) {
        return unverified();
      }
    }
    return ArrayValue.of(BooleanValue.TRUE, header, payload);
  }

  private static String constraintString(String key, Value v) {
    if (!(v instanceof StringValue s)) {
      throw new IllegalArgumentException("token " + key + " constraint: must be a string");
    }
    return s.value();
  }

  private static boolean validAudience(String want, Value aud) {
    if (want == null) {
      return false;
    }
    if (aud instanceof StringValue s) {
      return s.value().equals(want);
    }
    if (aud instanceof ArrayValue arr) {
      for (Value v : arr.items()) {
        if (v instanceof StringValue s && s.value().equals(want)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Value encodeSign(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue header = Args.object(a, 0);
    ObjectValue payload = Args.object(a, 1);
    ObjectValue key = Args.object(a, 2);
    return StringValue.of(
        sign(
            dev.modelgate.rego.builtins.encoding.EncodingBuiltins.goJson(ValueJson.write(header)),
            dev.modelgate.rego.builtins.encoding.EncodingBuiltins.goJson(ValueJson.write(payload)),
            Values.toJava(key)));
  }

  private static Value encodeSignRaw(BuiltinContext c, List<Value> a) throws BuiltinException {
    String header = Args.string(a, 0);
    String payload = Args.string(a, 1);
    String key = Args.string(a, 2);
    Object jwk;
    try {
      jwk = Values.toJava(ValueJson.parse(key));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid JWK: cannot parse JSON");
    }
    return StringValue.of(sign(header, payload, jwk));
  }

  private static String sign(String headerJson, String payloadJson, Object jwk) {
    ObjectValue header;
    try {
      header = (ObjectValue) ValueJson.parse(headerJson);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("missing or invalid 'alg' header: cannot parse JSON");
    }
    String alg = text(header, "alg");
    if (alg == null) {
      throw new IllegalArgumentException("missing or invalid 'alg' header");
    }
    String typ = text(header, "typ");
    if (typ != null && typ.equalsIgnoreCase("JWT")) {
      try {
        if (!(ValueJson.parse(payloadJson) instanceof ObjectValue)) {
          throw new IllegalArgumentException("type is JWT but payload is not JSON");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("type is JWT but payload is not JSON");
      }
    }
    if (!(jwk instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("invalid JWK: not an object");
    }
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    String input =
        enc.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
            + "."
            + enc.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    byte[] sig =
        JwsAlgorithms.sign(
            alg, JwsAlgorithms.fromJwk(m), input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + enc.encodeToString(sig);
  }
}
