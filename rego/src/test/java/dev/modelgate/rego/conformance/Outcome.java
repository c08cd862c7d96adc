package dev.modelgate.rego.conformance;

/** The result of running one conformance case. */
record Outcome(Status status, String detail) {
  enum Status {
    PASS,
    FAIL,
    /** Not applicable to a portable OPA-compatible engine (e.g. regorus-only features). */
    NOT_APPLICABLE
  }

  static Outcome pass() {
    return new Outcome(Status.PASS, "");
  }

  static Outcome fail(String detail) {
    return new Outcome(Status.FAIL, detail);
  }

  static Outcome notApplicable(String why) {
    return new Outcome(Status.NOT_APPLICABLE, why);
  }
}
