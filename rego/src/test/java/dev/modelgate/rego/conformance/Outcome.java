package dev.modelgate.rego.conformance;

/**
 * The result of running one conformance case. {@code observed} says what our engine did ({@code
 * error <code>: <message>} or {@code result <json>}), so a case listed as OPA-divergent can be
 * checked against what OPA does.
 */
record Outcome(Status status, String detail, String observed) {
  enum Status {
    PASS,
    FAIL,
    /** Not applicable to a portable OPA-compatible engine (e.g. regorus-only features). */
    NOT_APPLICABLE
  }

  static Outcome pass() {
    return new Outcome(Status.PASS, "", "");
  }

  static Outcome fail(String detail) {
    return new Outcome(Status.FAIL, detail, "");
  }

  static Outcome fail(String detail, String observed) {
    return new Outcome(Status.FAIL, detail, observed);
  }

  static Outcome notApplicable(String why) {
    return new Outcome(Status.NOT_APPLICABLE, why, "");
  }
}
