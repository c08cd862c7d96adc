package dev.modelgate.rego.builtins;

import dev.modelgate.rego.api.EvalLimits;
import java.util.Map;

/** What a builtin may use from the evaluation that calls it. One context per evaluation. */
public interface BuiltinContext {

  /** The evaluation's clock: fixed for the whole evaluation, as OPA's {@code time.now_ns()}. */
  long nowNs();

  /** True when builtin errors abort evaluation (OPA's strict-builtin-errors). */
  boolean strictBuiltinErrors();

  /** The limits of this evaluation. */
  EvalLimits limits();

  /**
   * Charges work to the evaluation's step budget (e.g. one unit per element a builtin walks or
   * builds). Builtins that loop over input call this so huge inputs end inside the limits.
   *
   * @throws BuiltinException (HALT) when the budget or the time limit is exhausted
   */
  void charge(long units) throws BuiltinException;

  /** Per-evaluation scratch space for builtins (e.g. compiled regexes), keyed by your own keys. */
  Map<Object, Object> cache();

  /** Environment visible to {@code opa.runtime()} (empty unless the caller gave one). */
  Map<String, String> env();

  /** Writes one line of {@code print} output. */
  void print(String line);
}
