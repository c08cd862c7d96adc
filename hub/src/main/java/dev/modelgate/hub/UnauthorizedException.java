package dev.modelgate.hub;

/**
 * The token is invalid, missing where required, or lacks permission (401/403 without a more
 * specific code). Permanent.
 */
public class UnauthorizedException extends HubException {
  /** Built from the failing answer. */
  public UnauthorizedException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, false, requestId);
  }
}
