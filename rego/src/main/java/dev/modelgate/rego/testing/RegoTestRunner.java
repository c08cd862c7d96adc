package dev.modelgate.rego.testing;

import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.EvalOptions;
import dev.modelgate.rego.api.QueryResult;
import dev.modelgate.rego.api.RegoEvalException;
import dev.modelgate.rego.ast.Module;
import dev.modelgate.rego.ast.Rule;
import dev.modelgate.rego.value.BooleanValue;
import dev.modelgate.rego.value.ObjectValue;
import dev.modelgate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the {@code test_*} rules of compiled modules like {@code opa test}: a test passes when its
 * rule is defined and not false; {@code todo_test_*} rules are skipped.
 */
public final class RegoTestRunner {
  private final EvalLimits limits;
  private final Consumer<String> printer;

  public RegoTestRunner(EvalLimits limits, Consumer<String> printer) {
    this.limits = limits;
    this.printer = printer;
  }

  public List<TestResult> run(CompiledPolicy policy, ObjectValue data) {
    Map<String, String> tests = new LinkedHashMap<>();
    for (Module m : policy.modules()) {
      for (Rule r : m.rules()) {
        String n = r.name();
        if ((n.startsWith("test_") || n.startsWith("todo_test_"))
            && r.kind() != Rule.Kind.FUNCTION
            && r.head().size() == 1) {
          tests.putIfAbsent("data." + String.join(".", m.packagePath()) + "." + n, m.file());
        }
      }
    }
    List<TestResult> out = new ArrayList<>();
    for (Map.Entry<String, String> t : tests.entrySet()) {
      String name = t.getKey();
      if (name.substring(name.lastIndexOf('.') + 1).startsWith("todo_")) {
        out.add(new TestResult(name, t.getValue(), TestResult.Status.SKIP, "", 0));
        continue;
      }
      long start = System.nanoTime();
      TestResult.Status status;
      String message = "";
      try {
        List<QueryResult> rs =
            policy
                .prepare(name)
                .eval(
                    EvalOptions.defaults().withData(data).withLimits(limits).withPrinter(printer));
        boolean pass = false;
        for (QueryResult r : rs) {
          Value v = r.expressions().get(0);
          if (!(v instanceof BooleanValue b) || b.value()) {
            pass = true;
          }
        }
        status = pass ? TestResult.Status.PASS : TestResult.Status.FAIL;
      } catch (RegoEvalException e) {
        status = TestResult.Status.ERROR;
        message = e.getMessage();
      }
      out.add(new TestResult(name, t.getValue(), status, message, System.nanoTime() - start));
    }
    return out;
  }
}
