package dev.modelgate.scanner;

/**
 * Rule ids shared by every format. Format-specific ids live with their scanner and start with the
 * format id ({@code pickle.}, {@code torch.}, {@code safetensors.}, ...). Ids never change meaning.
 */
public final class Rules {
  /** The content matches no known format (INFO for text, LOW for binary). */
  public static final String FORMAT_UNKNOWN = "format.unknown";

  /** The extension belongs to another format than the content (LOW; HIGH if it hides code). */
  public static final String EXTENSION_MISMATCH = "format.extension-mismatch";

  /** The content parses as more than one format (e.g. pickle followed by zip). */
  public static final String POLYGLOT = "format.polyglot";

  /** The content could not be fully parsed as its format; the rest was not examined (HIGH). */
  public static final String MALFORMED = "format.malformed";

  /** An I/O error stopped the scan (HIGH). */
  public static final String IO_ERROR = "scan.io-error";

  /** A scanner failed unexpectedly; the file was not fully examined (HIGH). */
  public static final String INTERNAL_ERROR = "scan.internal-error";

  /** Prefix of limit findings: {@code limit.bytes}, {@code limit.time}, ... (HIGH). */
  public static final String LIMIT_PREFIX = "limit.";

  private Rules() {}
}
