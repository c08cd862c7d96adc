package dev.modelgate.policies.input;

import java.util.Locale;

/**
 * Cloudsmith's per-file status for Hub scan results, ordered by precedence: the summary of a repo
 * is the highest of its files ({@code UNSAFE > UNKNOWN > QUEUED > SAFE}).
 */
public enum HubVerdict {
  SAFE,
  QUEUED,
  UNKNOWN,
  UNSAFE;

  /**
   * Maps the Hub's status word. The Hub's schema is not declared stable, so a word we do not know
   * is treated as unsafe: the gate fails closed rather than waving through a new kind of alarm.
   */
  public static HubVerdict fromHubStatus(String status) {
    if (status == null) {
      return UNKNOWN;
    }
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "safe" -> SAFE;
      case "queued" -> QUEUED;
      case "unscanned", "error", "" -> UNKNOWN;
      default -> UNSAFE; // caution, suspicious, unsafe, malicious and anything new
    };
  }

  /** Whether the Hub has finished judging the file (either way). */
  public boolean isFinal() {
    return this == SAFE || this == UNSAFE;
  }
}
