package dev.modelgate.hub;

import java.io.IOException;

/**
 * Any failure talking to the Hub. {@link #isTransient()} tells a caller (the operator) whether a
 * later retry may succeed (rate limits, 5xx, network faults) or the request is wrong for good
 * (missing repo, revision or file, no access, bad content).
 */
public class HubException extends IOException {
  private final int status;
  private final String errorCode;
  private final boolean transientFailure;
  private final String requestId;

  /** A failure with an HTTP status (0 when there was no answer) and the Hub's error code. */
  public HubException(
      String message, int status, String errorCode, boolean transientFailure, String requestId) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.transientFailure = transientFailure;
    this.requestId = requestId;
  }

  /** A failure caused by {@code cause} (network errors). */
  public HubException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.status = 0;
    this.errorCode = null;
    this.transientFailure = transientFailure;
    this.requestId = null;
  }

  /** The HTTP status of the failing answer, or 0 when there was none (network failure). */
  public int status() {
    return status;
  }

  /** The Hub's {@code X-Error-Code}, or null. */
  public String errorCode() {
    return errorCode;
  }

  /** True when retrying later may succeed (408, 429, 5xx, timeouts, cut connections). */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The server's request id ({@code X-Request-Id} and friends), or null. */
  public String requestId() {
    return requestId;
  }
}
