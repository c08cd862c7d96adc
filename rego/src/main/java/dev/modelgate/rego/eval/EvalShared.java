package dev.modelgate.rego.eval;

import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.builtins.BuiltinContext;
import dev.modelgate.rego.builtins.BuiltinException;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * State shared by one whole evaluation (including its {@code with} contexts); the builtin context.
 */
final class EvalShared implements BuiltinContext {
  final EvalLimits limits;
  final BuiltinRegistry builtins;
  final boolean strict;
  final long nowNs;
  final long deadlineNanos;
  final Consumer<String> printer;
  final Map<String, String> env;
  private final Map<Object, Object> cache = new HashMap<>();
  long steps;
  int depth;

  /** Consult the compiled rule indexes (EvalOptions.ruleIndexing). */
  boolean ruleIndexing = true;

  EvalShared(
      EvalLimits limits,
      BuiltinRegistry builtins,
      boolean strict,
      long nowNs,
      Consumer<String> printer,
      Map<String, String> env) {
    this.limits = limits;
    this.builtins = builtins;
    this.strict = strict;
    this.nowNs = nowNs;
    long t = limits.timeout().toNanos();
    this.deadlineNanos = System.nanoTime() + t;
    this.printer = printer;
    this.env = env;
  }

  /** Counts one evaluation step; ends the evaluation when a limit is reached. */
  void step() {
    if (++steps > limits.maxSteps()) {
      throw limit("evaluation exceeded the step limit (" + limits.maxSteps() + " steps)");
    }
    if ((steps & 1023) == 0) {
      checkTime();
    }
  }

  void checkTime() {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw limit("evaluation exceeded the time limit (" + limits.timeout().toMillis() + " ms)");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw limit("evaluation interrupted");
    }
  }

  static RegoEvalException limit(String msg) {
    return new RegoEvalException(new RegoError("eval_limit_error", msg, null));
  }

  @Override
  public long nowNs() {
    return nowNs;
  }

  @Override
  public boolean strictBuiltinErrors() {
    return strict;
  }

  @Override
  public EvalLimits limits() {
    return limits;
  }

  @Override
  public void charge(long units) throws BuiltinException {
    steps += units;
    if (steps > limits.maxSteps() || steps < 0) {
      throw BuiltinException.halt(
          "evaluation exceeded the step limit (" + limits.maxSteps() + " steps)");
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw BuiltinException.halt(
          "evaluation exceeded the time limit (" + limits.timeout().toMillis() + " ms)");
    }
  }

  @Override
  public Map<Object, Object> cache() {
    return cache;
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public void print(String line) {
    printer.accept(line);
  }
}
