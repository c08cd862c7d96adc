package dev.modelgate.rego.api;

import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Inputs and settings of one evaluation.
 *
 * @param input the {@code input} document, or null for undefined input
 * @param data the base {@code data} document (rules are merged over it)
 * @param limits steps/time/size/depth bounds
 * @param strictBuiltinErrors builtin errors abort evaluation instead of being undefined
 * @param nowNs the clock for {@code time.now_ns()} (fixed for the evaluation); null = now
 * @param printer receives {@code print()} lines
 * @param env environment for {@code opa.runtime()}
 * @param ruleIndexing use the compiled rule indexes to skip rules that cannot match (on by default;
 *     off gives the same results, slower, and exists for differential tests)
 */
public record EvalOptions(
    Value input,
    ObjectValue data,
    EvalLimits limits,
    boolean strictBuiltinErrors,
    Long nowNs,
    Consumer<String> printer,
    Map<String, String> env,
    boolean ruleIndexing) {

  /** Settings with rule indexing on. */
  public EvalOptions(
      Value input,
      ObjectValue data,
      EvalLimits limits,
      boolean strictBuiltinErrors,
      Long nowNs,
      Consumer<String> printer,
      Map<String, String> env) {
    this(input, data, limits, strictBuiltinErrors, nowNs, printer, env, true);
  }

  /** No input, empty data, default limits, non-strict, print to stderr. */
  public static EvalOptions defaults() {
    return new EvalOptions(
        null, ObjectValue.EMPTY, EvalLimits.DEFAULT, false, null, System.err::println, Map.of());
  }

  public EvalOptions withInput(Value v) {
    return new EvalOptions(v, data, limits, strictBuiltinErrors, nowNs, printer, env, ruleIndexing);
  }

  public EvalOptions withData(ObjectValue d) {
    return new EvalOptions(
        input, d, limits, strictBuiltinErrors, nowNs, printer, env, ruleIndexing);
  }

  public EvalOptions withLimits(EvalLimits l) {
    return new EvalOptions(input, data, l, strictBuiltinErrors, nowNs, printer, env, ruleIndexing);
  }

  public EvalOptions withStrictBuiltinErrors(boolean s) {
    return new EvalOptions(input, data, limits, s, nowNs, printer, env, ruleIndexing);
  }

  public EvalOptions withNowNs(Long n) {
    return new EvalOptions(input, data, limits, strictBuiltinErrors, n, printer, env, ruleIndexing);
  }

  public EvalOptions withPrinter(Consumer<String> p) {
    return new EvalOptions(input, data, limits, strictBuiltinErrors, nowNs, p, env, ruleIndexing);
  }

  public EvalOptions withEnv(Map<String, String> e) {
    return new EvalOptions(
        input, data, limits, strictBuiltinErrors, nowNs, printer, e, ruleIndexing);
  }

  public EvalOptions withRuleIndexing(boolean on) {
    return new EvalOptions(input, data, limits, strictBuiltinErrors, nowNs, printer, env, on);
  }
}
