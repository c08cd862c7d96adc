package dev.modelgate.scanner;

/**
 * Thrown by {@link ScanContext} when a {@link ScanLimits} limit is hit. It unwinds the scanner; the
 * context has already recorded the {@code limit.<kind>} finding. Scanners let it propagate.
 */
public final class ScanLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String kind;

  public ScanLimitException(String kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** Which limit: bytes, opcodes, depth, stack, memo, members, time. */
  public String kind() {
    return kind;
  }
}
