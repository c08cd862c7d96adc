package dev.modelgate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Calls the webhook the way the API server does: an {@code admission.k8s.io/v1} AdmissionReview
 * POSTed over HTTPS, trusting only the webhook's certificate, with the same short timeout.
 */
public final class AdmissionClient {

  /** The webhook's answer for one object. */
  public record Answer(boolean allowed, String message, List<String> warnings) {
    /** "allowed", "allowed with warnings" or "denied". */
    public String verdict() {
      if (!allowed) {
        return "denied";
      }
      return warnings.isEmpty() ? "allowed" : "allowed (warnings)";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI endpoint;
  private final Duration timeout;

  public AdmissionClient(URI endpoint, SSLContext tls, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build();
  }

  /** Asks whether {@code object} (a full manifest) may be created. */
  public Answer reviewCreate(JsonNode object) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(review(object))))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("webhook answered HTTP " + response.statusCode());
    }
    JsonNode answer = JSON.readTree(response.body()).path("response");
    List<String> warnings = new ArrayList<>();
    answer.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new Answer(
        answer.path("allowed").asBoolean(false),
        answer.path("status").path("message").asText(""),
        List.copyOf(warnings));
  }

  static ObjectNode review(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);

    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode req = review.putObject("request");
    req.put("uid", UUID.randomUUID().toString());
    ObjectNode k = req.putObject("kind");
    k.put("group", group);
    k.put("version", version);
    k.put("kind", kind);
    ObjectNode r = req.putObject("resource");
    r.put("group", group);
    r.put("version", version);
    r.put("resource", plural(kind));
    req.set("requestKind", k.deepCopy());
    req.set("requestResource", r.deepCopy());
    req.put("name", object.path("metadata").path("name").asText());
    if (object.path("metadata").has("namespace")) {
      req.put("namespace", object.path("metadata").path("namespace").asText());
    }
    req.put("operation", "CREATE");
    ObjectNode user = req.putObject("userInfo");
    user.put("username", "demo-user");
    user.putArray("groups").add("system:authenticated");
    req.set("object", object);
    req.putNull("oldObject");
    req.put("dryRun", false);
    return review;
  }

  /** The resource name of a kind, as the API server would send it. */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("y")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower.endsWith("s") ? lower + "es" : lower + "s";
  }
}
