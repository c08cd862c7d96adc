package dev.modelgate.operator.source;

import java.io.IOException;

/** A failure to resolve or fetch, classified so the operator knows whether to retry. */
public class SourceException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms a user acts on. */
  public enum Kind {
    REPO_NOT_FOUND(false),
    REVISION_NOT_FOUND(false),
    ENTRY_NOT_FOUND(false),
    GATED(false),
    UNAUTHORIZED(false),
    CHECKSUM_MISMATCH(false),
    /** Rate limits, 5xx, timeouts, cut connections that outlasted the client's own retries. */
    TRANSIENT(true),
    /** Anything else the Hub answered that we cannot use (malformed JSON, odd headers). */
    PROTOCOL(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;

  public SourceException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
