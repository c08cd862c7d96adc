package dev.modelgate.policies;

import dev.modelgate.rego.api.EvalLimits;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoSource;
import dev.modelgate.rego.testing.RegoTestRunner;
import dev.modelgate.rego.testing.TestResult;
import dev.modelgate.rego.value.ObjectValue;
import java.util.List;

/** Runs Rego {@code test_*} rules with the engine's own runner (what {@code policy test} uses). */
public final class RegoTests {

  private RegoTests() {}

  /** The failing tests, as {@code name: status message}; throws when nothing was tested. */
  public static List<String> failures(List<RegoSource> modules) {
    List<TestResult> results =
        new RegoTestRunner(EvalLimits.DEFAULT, line -> {})
            .run(RegoCompiler.standard().compile(modules), ObjectValue.EMPTY);
    if (results.isEmpty()) {
      throw new AssertionError(
          "no test_ rules in " + modules.stream().map(RegoSource::filename).toList());
    }
    return results.stream()
        .filter(r -> r.status() != TestResult.Status.PASS)
        .map(r -> r.name() + ": " + r.status() + " " + r.message())
        .toList();
  }
}
