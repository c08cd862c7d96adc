package dev.modelgate.rego.testing;

/**
 * The outcome of one {@code test_*} rule.
 *
 * @param name full rule path ({@code data.pkg.test_x})
 * @param file the module that defines it
 * @param status PASS, FAIL (undefined or false), ERROR (evaluation error) or SKIP ({@code todo_})
 * @param message error text for ERROR, else empty
 * @param nanos evaluation time
 */
public record TestResult(String name, String file, Status status, String message, long nanos) {
  /** Test outcome, as {@code opa test} reports it. */
  public enum Status {
    PASS,
    FAIL,
    ERROR,
    SKIP
  }
}
