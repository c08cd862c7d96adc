package dev.modelgate.rego.api;

import dev.modelgate.rego.ast.Literal;
import dev.modelgate.rego.builtins.BuiltinRegistry;
import dev.modelgate.rego.compiler.RuleNode;
import dev.modelgate.rego.eval.QueryRunner;
import java.util.List;

/** A compiled query; {@link #eval} may be called concurrently. */
public final class PreparedQuery {
  private final RuleNode root;
  private final List<Literal> query;
  private final List<String> vars;
  private final BuiltinRegistry builtins;

  PreparedQuery(RuleNode root, List<Literal> query, List<String> vars, BuiltinRegistry builtins) {
    this.root = root;
    this.query = query;
    this.vars = vars;
    this.builtins = builtins;
  }

  /**
   * Evaluates the query. An empty list means undefined.
   *
   * @throws RegoEvalException on conflicts, builtin/type errors (as OPA raises them) or exceeded
   *     limits ({@code eval_limit_error})
   */
  public List<QueryResult> eval(EvalOptions options) {
    return QueryRunner.run(root, query, vars, options, builtins);
  }

  /** The query's named variables, in order of appearance. */
  public List<String> variables() {
    return vars.stream().map(dev.modelgate.rego.compiler.Scope::display).toList();
  }
}
