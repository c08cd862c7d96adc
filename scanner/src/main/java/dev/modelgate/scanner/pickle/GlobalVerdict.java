package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.Severity;

/**
 * How a pickle global is judged.
 *
 * @param severity NONE for allowlisted globals
 * @param rule rule id
 * @param why what the global can do, for the message
 */
record GlobalVerdict(Severity severity, String rule, String why) {
  static final GlobalVerdict ALLOWED = new GlobalVerdict(Severity.NONE, "", "");

  boolean allowed() {
    return severity == Severity.NONE;
  }
}
