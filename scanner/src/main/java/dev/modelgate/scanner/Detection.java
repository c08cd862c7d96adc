package dev.modelgate.scanner;

/** Detection scores for {@link FormatScanner#detect}; higher wins. */
public final class Detection {
  /** Not this format. */
  public static final int NO = 0;

  /** Could be this format (e.g. text that a protocol-0 pickle could start with). */
  public static final int WEAK = 10;

  /** The magic matches but the structure was not checked. */
  public static final int LIKELY = 50;

  /** A specialisation recognised by structure (e.g. a zip whose directory holds data.pkl). */
  public static final int SPECIFIC = 80;

  /** Magic and structure both match. */
  public static final int CERTAIN = 100;

  /**
   * Scores at or above this mean the bytes really are this format; if a second format family also
   * scores this high the file is a polyglot and both are scanned.
   */
  public static final int STRUCTURAL = LIKELY;

  private Detection() {}
}
