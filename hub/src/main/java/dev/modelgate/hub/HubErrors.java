package dev.modelgate.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * Maps a failing Hub answer to a typed exception the way {@code hf_raise_for_status} does: {@code
 * X-Error-Code} first, then {@code X-Error-Message}, then the JSON body's {@code error}.
 */
final class HubErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String INVALID_CREDENTIALS = "Invalid credentials in Authorization header";

  private HubErrors() {}

  /** True for the statuses huggingface_hub retries: 408, 429, 500, 502, 503, 504. */
  static boolean isRetryable(int status) {
    return status == 408
        || status == 429
        || status == 500
        || status == 502
        || status == 503
        || status == 504;
  }

  static HubException toException(int status, HttpHeaders headers, byte[] body, URI uri) {
    String code = headers.firstValue("X-Error-Code").orElse(null);
    String message = headers.firstValue("X-Error-Message").orElse(null);
    if (message == null) message = bodyMessage(body);
    String requestId =
        headers
            .firstValue("X-Request-Id")
            .or(() -> headers.firstValue("X-Amzn-Trace-Id"))
            .or(() -> headers.firstValue("X-Amz-Cf-Id"))
            .orElse(null);
    String text =
        status
            + (code != null ? " " + code : "")
            + " for "
            + uri.getPath()
            + (message != null && !message.isBlank() ? ": " + message : "")
            + (requestId != null ? " (request id " + requestId + ")" : "");
    if (code != null) {
      switch (code) {
        case "RepoNotFound" -> {
          return new RepoNotFoundException(text, status, code, requestId);
        }
        case "RevisionNotFound" -> {
          return new RevisionNotFoundException(text, status, code, requestId);
        }
        case "EntryNotFound" -> {
          return new EntryNotFoundException(text, status, code, requestId);
        }
        case "GatedRepo" -> {
          return new GatedRepoException(text, status, code, requestId);
        }
        default -> {
          // an unknown code: fall through to the status-based mapping
        }
      }
    }
    if (status == 401
        || (status == 403 && !"Access to this resource is disabled.".equals(message))) {
      return new UnauthorizedException(text, status, code, requestId);
    }
    if (status == 404) {
      return uri.getPath().contains("/resolve/")
          ? new EntryNotFoundException(text, status, code, requestId)
          : new RepoNotFoundException(text, status, code, requestId);
    }
    return new HubException(text, status, code, isRetryable(status), requestId);
  }

  private static String bodyMessage(byte[] body) {
    if (body == null || body.length == 0) return null;
    String s = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode n = JSON.readTree(s);
      JsonNode e = n == null ? null : n.get("error");
      if (e != null && e.isTextual()) return e.asText();
      if (e != null && e.isArray() && !e.isEmpty()) return e.get(0).asText();
    } catch (Exception notJson) {
      // plain-text error bodies are fine; use them as they are
    }
    return s.length() > 300 ? s.substring(0, 300) + "…" : s.strip();
  }
}
