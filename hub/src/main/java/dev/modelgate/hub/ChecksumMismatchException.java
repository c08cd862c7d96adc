package dev.modelgate.hub;

/**
 * A downloaded file's size or hash differs from what the Hub announced; the bytes were deleted.
 * Permanent: the server serves content that does not match its own listing.
 */
public class ChecksumMismatchException extends HubException {
  private final String expected;
  private final String actual;

  /** {@code expected} and {@code actual} are hex digests (or sizes) as text. */
  public ChecksumMismatchException(String message, String expected, String actual) {
    super(message, 0, null, false, null);
    this.expected = expected;
    this.actual = actual;
  }

  /** What the Hub announced. */
  public String expected() {
    return expected;
  }

  /** What the bytes hashed to. */
  public String actual() {
    return actual;
  }
}
