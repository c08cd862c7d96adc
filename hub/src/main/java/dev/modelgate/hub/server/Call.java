package dev.modelgate.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One exchange being answered: small helpers that also remember the status for the log. */
final class Call {
  private static final ObjectMapper JSON = new ObjectMapper();

  final HttpExchange ex;
  final String listener;
  volatile int status;

  Call(HttpExchange ex, String listener) {
    this.ex = ex;
    this.listener = listener;
  }

  boolean isHead() {
    return "HEAD".equals(ex.getRequestMethod());
  }

  String header(String name) {
    return ex.getRequestHeaders().getFirst(name);
  }

  /** The bearer token sent, or null. */
  String token() {
    String a = header("Authorization");
    if (a == null) return null;
    a = a.trim();
    return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : null;
  }

  void setHeader(String name, String value) {
    ex.getResponseHeaders().set(name, value);
  }

  /** Sends headers; {@code length} is the body length (for HEAD, only announced). */
  void sendHeaders(int status, long length) throws IOException {
    this.status = status;
    if (isHead() || length == 0) {
      if (isHead()) setHeader("Content-Length", Long.toString(length));
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, length);
    }
  }

  void json(int status, JsonNode body) throws IOException {
    bytes(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
  }

  void bytes(int status, String contentType, byte[] body) throws IOException {
    setHeader("Content-Type", contentType);
    sendHeaders(status, body.length);
    if (!isHead() && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * A Hub-style error: {@code X-Error-Code}, {@code X-Error-Message} and {@code {"error": ...}}.
   */
  void error(int status, String code, String message) throws IOException {
    if (code != null) setHeader("X-Error-Code", code);
    setHeader("X-Error-Message", message);
    byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message));
    bytes(status, "application/json; charset=utf-8", body);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
