package dev.modelgate.webhook.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The parts of an AdmissionReview v1 {@code request} the webhook uses.
 *
 * @param uid echoed in the response
 * @param group the object's API group ({@code ""} for core)
 * @param version the object's API version
 * @param kind the object's kind
 * @param subResource e.g. {@code ephemeralcontainers}, or {@code ""}
 * @param namespace the request's namespace ({@code ""} for cluster-scoped objects)
 * @param name the object's name, may be {@code ""} (generateName)
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param dryRun whether the API server will persist nothing; answered the same way
 * @param object the new object, or a missing node
 * @param oldObject the old object on UPDATE, or a missing node
 */
public record AdmissionRequest(
    String uid,
    String group,
    String version,
    String kind,
    String subResource,
    String namespace,
    String name,
    String operation,
    boolean dryRun,
    JsonNode object,
    JsonNode oldObject) {

  public AdmissionRequest {
    if (object == null || object.isNull()) object = MissingNode.getInstance();
    if (oldObject == null || oldObject.isNull()) oldObject = MissingNode.getInstance();
  }

  /**
   * {@code kind} qualified by group, for metrics and logs: {@code Deployment.apps}, {@code Pod}.
   */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
