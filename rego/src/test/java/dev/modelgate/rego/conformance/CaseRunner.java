package dev.modelgate.rego.conformance;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles and evaluates one case; shared by the adapters. */
final class CaseRunner {
  static final EvalLimits LIMITS = new EvalLimits(5_000_000, Duration.ofSeconds(3), 1_000_000, 300);

  /** A fixed clock so time-dependent cases are reproducible. */
  static final long NOW_NS = 1_700_000_000_000_000_000L;

  /** What happened: results, or an error. */
  record Run(List<QueryResult> results, RegoError error, List<String> printed) {}

  private CaseRunner() {}

  static Run run(List<RegoSource> modules, String query, Value input, Value data, boolean strict) {
    List<String> printed = new ArrayList<>();
    try {
      CompiledPolicy policy = RegoCompiler.standard().compile(modules);
      ObjectValue d = data instanceof ObjectValue o ? o : ObjectValue.EMPTY;
      EvalOptions opts = new EvalOptions(input, d, LIMITS, strict, NOW_NS, printed::add, Map.of());
      return new Run(policy.prepare(query).eval(opts), null, printed);
    } catch (RegoCompileException e) {
      return new Run(null, e.errors().get(0), printed);
    } catch (RegoEvalException e) {
      return new Run(null, e.error(), printed);
    }
  }

  /** Evaluates a Rego term (an {@code input_term}) to a value. */
  static Value term(String text) {
    Run r = run(List.of(), "inputterm = " + text, null, null, true);
    if (r.error() != null || r.results().isEmpty()) {
      throw new IllegalArgumentException("bad input_term: " + text);
    }
    return r.results().get(0).bindings().get("inputterm");
  }

  /** What the engine did, in the form the OPA-divergent list checks against. */
  static String observed(Run r, java.util.function.Function<List<QueryResult>, String> render) {
    return r.error() != null
        ? "error " + r.error().code() + ": " + r.error().message()
        : "result " + render.apply(r.results());
  }

  static String describe(RegoError e) {
    return e.code() + ": " + e.message() + (e.location() == null ? "" : " @" + e.location());
  }
}
