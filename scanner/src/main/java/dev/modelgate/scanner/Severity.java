package dev.modelgate.scanner;

import java.util.Locale;

/**
 * How bad a finding is, ordered: NONE &lt; INFO &lt; LOW &lt; MEDIUM &lt; HIGH &lt; CRITICAL. The
 * operator quarantines a model when any finding is HIGH or CRITICAL, so HIGH means "do not load
 * this".
 */
public enum Severity {
  NONE,
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The greater of two severities. */
  public static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** True when this severity is at least {@code other}. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * Parses a severity name case-insensitively; throws IllegalArgumentException naming the choices.
   */
  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + text + "' (expected NONE, INFO, LOW, MEDIUM, HIGH or CRITICAL)");
    }
  }
}
