package dev.modelgate.rego.api;

import java.time.Duration;

/**
 * Bounds for one evaluation. When one is exceeded the evaluation ends with an {@code
 * eval_limit_error}, never a hang or an OutOfMemoryError.
 *
 * @param maxSteps evaluation steps (expressions, iterations, builtin work units) per evaluation
 * @param timeout wall-clock time per evaluation
 * @param maxCollectionSize largest array, set, object or string an evaluation may build
 * @param maxCallDepth deepest nesting of rule/function calls and comprehensions
 */
public record EvalLimits(long maxSteps, Duration timeout, int maxCollectionSize, int maxCallDepth) {

  /** Generous defaults for admission-path policies: 10M steps, 5 s, 1M elements, depth 500. */
  public static final EvalLimits DEFAULT =
      new EvalLimits(10_000_000, Duration.ofSeconds(5), 1_000_000, 500);

  /** No practical limits except the call depth (the Java stack still needs a bound). */
  public static final EvalLimits UNLIMITED =
      new EvalLimits(Long.MAX_VALUE, Duration.ofDays(365), Integer.MAX_VALUE, 2000);
}
