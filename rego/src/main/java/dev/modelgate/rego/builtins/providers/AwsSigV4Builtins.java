package dev.modelgate.rego.builtins.providers;

import static dev.modelgate.rego.builtins.support.Guard.guarded;

import dev.modelgate.rego.builtins.Args;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.builtins.crypto.CryptoBuiltins;
import dev.modelgate.rego.builtins.encoding.EncodingBuiltins;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.StringValue;
import dev.modelgate.rego.value.Value;
import dev.modelgate.rego.value.ValueJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * providers.aws.sign_req: AWS Signature Version 4 over a request object (no network access; the
 * signed request is returned for the policy to inspect).
 */
public final class AwsSigV4Builtins {
  private static final Set<String> IGNORED =
      Set.of("authorization", "user-agent", "x-amzn-trace-id");

  private AwsSigV4Builtins() {}

  public static void register(BuiltinRegistry r) {
    r.function("providers.aws.sign_req", 3, guarded(AwsSigV4Builtins::signReq));
  }

  private static String text(ObjectValue o, String key, boolean required) {
    Value v = o.get(key);
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException("missing required '" + key + "' key");
      }
      return "";
    }
    if (!(v instanceof StringValue s)) {
      throw new IllegalArgumentException("'" + key + "' must be a string");
    }
    return s.value();
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String msg) throws BuiltinException {
    return CryptoBuiltins.mac("HmacSHA256", key, msg.getBytes(StandardCharsets.UTF_8));
  }

  private static Value signReq(BuiltinContext c, List<Value> a) throws BuiltinException {
    ObjectValue req = Args.object(a, 0);
    ObjectValue config = Args.object(a, 1);
    long ns = Args.integer(a, 2).longValue();
    String service = text(config, "aws_service", true);
    String region = text(config, "aws_region", true);
    String accessKey = text(config, "aws_access_key", true);
    String secretKey = text(config, "aws_secret_access_key", true);
    String sessionToken = text(config, "aws_session_token", false);
    boolean unsignedPayload =
        config.get("disable_payload_signing") instanceof BooleanValue b && b.value();
    String method = text(req, "method", true);
    String url = text(req, "url", true);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid url: " + e.getMessage());
    }
    byte[] body = new byte[0];
    if (req.get("raw_body") instanceof StringValue raw) {
      body = raw.value().getBytes(StandardCharsets.UTF_8); // raw_body wins over body, as in OPA
    } else if (req.get("body") != null) {
      body =
          EncodingBuiltins.goJson(ValueJson.write(req.get("body")))
              .getBytes(StandardCharsets.UTF_8);
    }
    String contentSha =
        unsignedPayload ? "UNSIGNED-PAYLOAD" : HexFormat.of().formatHex(sha256(body));
    Instant t =
        Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(t);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
    String host = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();

    Map<String, String> awsHeaders = new TreeMap<>();
    awsHeaders.put("host", host);
    awsHeaders.put("x-amz-date", stamp);
    if (service.equals("s3") || service.equals("glacier")) {
      awsHeaders.put("x-amz-content-sha256", contentSha);
    }
    if (!sessionToken.isEmpty()) {
      awsHeaders.put("x-amz-security-token", sessionToken);
    }
    ObjectValue headers = req.get("headers") instanceof ObjectValue h ? h : ObjectValue.EMPTY;
    // As OPA: the AWS headers first, then the request's own (which win in the signature).
    Map<String, String> toSign = new TreeMap<>(awsHeaders);
    for (Map.Entry<Value, Value> e : headers.entries().entrySet()) {
      String k =
          (e.getKey() instanceof StringValue s ? s.value() : e.getKey().toString())
              .toLowerCase(Locale.ROOT);
      if (!IGNORED.contains(k)) {
        toSign.put(
            k, e.getValue() instanceof StringValue s ? s.value() : ValueJson.write(e.getValue()));
      }
    }

    // Go's URL.EscapedPath(): an empty path stays empty (OPA signs it that way).
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n').append(path).append('\n');
    canonical.append(uri.getRawQuery() == null ? "" : uri.getRawQuery()).append('\n');
    for (Map.Entry<String, String> e : toSign.entrySet()) {
      canonical.append(e.getKey()).append(':').append(e.getValue()).append('\n');
    }
    canonical.append('\n');
    String signedHeaders = String.join(";", toSign.keySet());
    canonical.append(signedHeaders).append('\n').append(contentSha);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + stamp
            + "\n"
            + scope
            + "\n"
            + HexFormat.of()
                .formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
    String auth =
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ",SignedHeaders="
            + signedHeaders
            + ",Signature="
            + signature;

    ObjectValue.Builder out = ObjectValue.builder().putAll(headers);
    out.put("Authorization", StringValue.of(auth));
    for (Map.Entry<String, String> e : awsHeaders.entrySet()) {
      out.put(e.getKey(), StringValue.of(e.getValue()));
    }
    return ObjectValue.builder().putAll(req).put("headers", out.build()).build();
  }
}
