package dev.modelgate.scanner;

import java.io.IOException;

/**
 * The content is not valid for the format its scanner was chosen for. The dispatcher turns it into
 * a HIGH {@code format.malformed} finding at {@link #offset()}; findings reported before it stay.
 */
public class MalformedFileException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public MalformedFileException(String message, long offset) {
    super(message);
    this.offset = offset;
  }

  /** Byte offset of the problem, or -1. */
  public long offset() {
    return offset;
  }
}
