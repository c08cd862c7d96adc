package dev.modelgate.rego.eval;

import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a compiled query against a compiled rule tree (the bridge from the public API). */
public final class QueryRunner {
  private QueryRunner() {}

  public static List<QueryResult> run(
      RuleNode root,
      List<Literal> query,
      List<String> resultVars,
      EvalOptions opts,
      BuiltinRegistry builtins) {
    long now = opts.nowNs() != null ? opts.nowNs() : System.currentTimeMillis() * 1_000_000L;
    EvalShared shared =
        new EvalShared(
            opts.limits(), builtins, opts.strictBuiltinErrors(), now, opts.printer(), opts.env());
    shared.ruleIndexing = opts.ruleIndexing();
    Evaluator ev = new Evaluator(shared, root, opts.input(), opts.data(), Map.of(), Map.of());
    List<QueryResult> out = new ArrayList<>();
    Env env = new Env(null);
    Value[] vals = new Value[query.size()];
    try {
      ev.evalQuery(
          query,
          0,
          env,
          vals,
          () -> {
            Map<String, Value> bindings = new LinkedHashMap<>();
            for (String v : resultVars) {
              Value x = env.get(v);
              if (x != null) {
                bindings.put(dev.modelgate.rego.compiler.Scope.display(v), x);
              }
            }
            out.add(new QueryResult(List.copyOf(Arrays.asList(vals)), bindings));
            if (out.size() > opts.limits().maxCollectionSize()) {
              throw EvalShared.limit("query produced too many results");
            }
          });
    } catch (StackOverflowError e) {
      throw new RegoEvalException(
          new RegoError(
              "eval_limit_error", "evaluation nested too deeply (stack exhausted)", null));
    } catch (OutOfMemoryError e) {
      throw new RegoEvalException(
          new RegoError("eval_limit_error", "evaluation ran out of memory", null));
    }
    return out;
  }
}
