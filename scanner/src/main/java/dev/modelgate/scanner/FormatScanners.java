package dev.modelgate.scanner;

import java.util.List;

/**
 * THE registry: every format scanner, in one list. To add a format, write one class implementing
 * {@link FormatScanner} and add one line here. Order only breaks detection ties (earlier wins), so
 * keep specific formats before generic ones of the same score.
 */
public final class FormatScanners {

  private FormatScanners() {}

  /** Every scanner ModelGate ships, fresh instances. */
  public static List<FormatScanner> all() {
    return List.of(
        // pickle family (scanner-core)
        // other formats (scanner-formats)
        );
  }
}
