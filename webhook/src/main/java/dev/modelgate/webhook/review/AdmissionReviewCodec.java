package dev.modelgate.webhook.review;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgate.webhook.decide.Decision;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads AdmissionReview v1 requests and writes their responses, as the API server sends and expects
 * them. Parsing is bounded (nesting depth, string length, document length) so no body can make us
 * use unbounded memory or time.
 */
public final class AdmissionReviewCodec {

  public static final String API_VERSION = "admission.k8s.io/v1";

  private static final int MAX_NESTING = 200;

  private static final Pattern UID = Pattern.compile("[\\w.:-]{1,128}");

  private final ObjectMapper mapper;

  public AdmissionReviewCodec(long maxBodyBytes) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                    .maxDocumentLength(maxBodyBytes)
                    .build())
            .build();
    this.mapper =
        new ObjectMapper(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** Parses a request body; every problem becomes a {@link BadRequestException} with a message. */
  public AdmissionRequest parse(byte[] body) throws BadRequestException {
    if (body.length == 0) throw new BadRequestException("empty body: expected an AdmissionReview");
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("body is not valid JSON: " + clip(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BadRequestException("body could not be read");
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("body must be a JSON object (an AdmissionReview)");
    }
    String kind = root.path("kind").asText("");
    if (!kind.equals("AdmissionReview")) {
      throw new BadRequestException("kind must be AdmissionReview, got \"" + clip(kind) + "\"");
    }
    String apiVersion = root.path("apiVersion").asText("");
    if (!apiVersion.equals(API_VERSION)) {
      throw new BadRequestException(
          "apiVersion must be " + API_VERSION + ", got \"" + clip(apiVersion) + "\"");
    }
    JsonNode req = root.get("request");
    if (req == null || !req.isObject()) {
      throw new BadRequestException("request is missing or not an object");
    }
    String uid = text(req, "uid");
    if (uid == null || !UID.matcher(uid).matches()) {
      throw new BadRequestException("request.uid is missing or malformed");
    }
    JsonNode gvk = req.get("kind");
    if (gvk == null || !gvk.isObject() || text(gvk, "kind") == null) {
      throw new BadRequestException("request.kind must be an object with a kind");
    }
    String operation = text(req, "operation");
    if (operation == null) throw new BadRequestException("request.operation is missing");
    JsonNode object = req.get("object");
    if (object != null && !object.isNull() && !object.isObject()) {
      throw new BadRequestException("request.object must be an object");
    }
    JsonNode oldObject = req.get("oldObject");
    if (oldObject != null && !oldObject.isNull() && !oldObject.isObject()) {
      throw new BadRequestException("request.oldObject must be an object");
    }
    return new AdmissionRequest(
        uid,
        orEmpty(text(gvk, "group")),
        orEmpty(text(gvk, "version")),
        text(gvk, "kind"),
        orEmpty(text(req, "subResource")),
        orEmpty(text(req, "namespace")),
        orEmpty(text(req, "name")),
        operation,
        req.path("dryRun").asBoolean(false),
        object,
        oldObject);
  }

  /** The AdmissionReview v1 response body for {@code decision}. */
  public byte[] respond(String uid, Decision decision) {
    ObjectNode root = mapper.createObjectNode();
    root.put("apiVersion", API_VERSION);
    root.put("kind", "AdmissionReview");
    ObjectNode response = root.putObject("response");
    response.put("uid", uid);
    response.put("allowed", decision.allowed());
    if (!decision.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", decision.message());
    }
    List<String> warnings = decision.warnings();
    if (!warnings.isEmpty()) {
      ArrayNode w = response.putArray("warnings");
      warnings.forEach(w::add);
    }
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response we built", e);
    }
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String clip(String s) {
    if (s == null) return "";
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
  }
}
