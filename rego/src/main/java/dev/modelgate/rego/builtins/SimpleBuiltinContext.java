package dev.modelgate.rego.builtins;

import dev.modelgate.rego.api.EvalLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone context for calling builtins outside an evaluation (unit tests, tools): fixed clock,
 * default limits, print lines collected in {@link #printed()}.
 */
public final class SimpleBuiltinContext implements BuiltinContext {
  private final long nowNs;
  private final boolean strict;
  private final Map<Object, Object> cache = new HashMap<>();
  private final List<String> printed = new ArrayList<>();
  private long steps;

  public SimpleBuiltinContext(long nowNs, boolean strict) {
    this.nowNs = nowNs;
    this.strict = strict;
  }

  /** Clock = now, strict builtin errors on. */
  public SimpleBuiltinContext() {
    this(System.currentTimeMillis() * 1_000_000L, true);
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
    return EvalLimits.DEFAULT;
  }

  @Override
  public void charge(long units) throws BuiltinException {
    steps += units;
    if (steps > limits().maxSteps()) {
      throw BuiltinException.halt("evaluation step limit exceeded");
    }
  }

  @Override
  public Map<Object, Object> cache() {
    return cache;
  }

  @Override
  public Map<String, String> env() {
    return Map.of();
  }

  @Override
  public void print(String line) {
    printed.add(line);
  }

  public List<String> printed() {
    return printed;
  }
}
