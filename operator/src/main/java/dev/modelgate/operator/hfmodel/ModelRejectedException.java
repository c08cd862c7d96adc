package dev.modelgate.operator.hfmodel;

/**
 * The model cannot be accepted as asked (too large, unsafe file names, files without hashes). Not
 * retried until the spec changes or the periodic recheck comes round.
 */
final class ModelRejectedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  /**
   * @param reason a CamelCase condition reason, e.g. {@code TooLarge}
   * @param message what is wrong, for people
   */
  ModelRejectedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
