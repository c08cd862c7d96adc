package dev.modelgate.hub;

/**
 * The repository is gated and the caller (no token, or a token without access) may not read its
 * files. Permanent.
 */
public class GatedRepoException extends HubException {
  /** Built from the failing answer. */
  public GatedRepoException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, false, requestId);
  }
}
