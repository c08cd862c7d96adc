package dev.modelgate.hub.server;

/**
 * One request the server answered, for tests to check what the client sent.
 *
 * @param listener {@code "hub"} or {@code "cdn"}
 * @param method HTTP method
 * @param rawPathAndQuery the request target as sent (still percent-encoded)
 * @param range the {@code Range} header, or null
 * @param authorization the {@code Authorization} header, or null
 * @param status the status answered
 */
public record RecordedRequest(
    String listener,
    String method,
    String rawPathAndQuery,
    String range,
    String authorization,
    int status) {}
