package dev.modelgate.hub;

/** The file or folder does not exist at that revision. Permanent. */
public class EntryNotFoundException extends HubException {
  /** Built from the failing answer. */
  public EntryNotFoundException(String message, int status, String errorCode, String requestId) {
    super(message, status, errorCode, false, requestId);
  }
}
