package dev.modelgate.hub;

/** The repository does not exist, or is private and the caller may not see it. Permanent. */
public class RepoNotFoundException extends HubException {
  /** Built from the failing answer. */
  public RepoNotFoundException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, false, requestId);
  }
}
