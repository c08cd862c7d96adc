package dev.modelgate.rego.api;

/**
 * Evaluation failed (conflict, builtin error, type error, limit exceeded). The code is OPA's
 * ({@code eval_conflict_error}, {@code eval_builtin_error}, {@code eval_type_error}) or ours for
 * limits ({@code eval_limit_error}).
 */
public final class RegoEvalException extends RuntimeException {
  private final RegoError error;

  public RegoEvalException(RegoError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  public RegoError error() {
    return error;
  }

  public String code() {
    return error.code();
  }
}
