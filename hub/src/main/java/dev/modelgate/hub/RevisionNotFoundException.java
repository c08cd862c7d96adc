package dev.modelgate.hub;

/** The repository exists but the branch, tag or commit does not. Permanent. */
public class RevisionNotFoundException extends HubException {
  /** Built from the failing answer. */
  public RevisionNotFoundException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, false, requestId);
  }
}
