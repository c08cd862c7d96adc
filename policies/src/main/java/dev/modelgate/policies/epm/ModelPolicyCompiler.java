package dev.modelgate.policies.epm;

import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.validation.ModelPolicySpecValidator;
import dev.modelgate.crds.validation.Violation;
import dev.modelgate.rego.api.CompiledPolicy;
import dev.modelgate.rego.api.PreparedQuery;
import dev.modelgate.rego.api.RegoCompileException;
import dev.modelgate.rego.api.RegoCompiler;
import dev.modelgate.rego.api.RegoError;
import dev.modelgate.rego.api.RegoSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a ModelPolicy's Rego on its own (EPM style: several policies may share {@code package
 * cloudsmith} without clashing). The operator's ModelPolicy reconciler and the admission webhook
 * use this same check, so a policy the webhook accepts is one the operator can run.
 */
public final class ModelPolicyCompiler {

  private final RegoCompiler rego = RegoCompiler.standard();

  /** Compiles the policy; never throws for bad Rego, which is reported in the result. */
  public PolicyCompilation compile(String name, ModelPolicySpec spec) {
    List<String> structural = new ArrayList<>();
    for (Violation v : ModelPolicySpecValidator.validate(spec)) {
      structural.add(v.toString());
    }
    if (!structural.isEmpty()) {
      return PolicyCompilation.failed(structural);
    }
    String filename = name + ".rego";
    try {
      CompiledPolicy compiled = rego.compile(List.of(RegoSource.of(filename, spec.getRego())));
      String pkg = "data." + String.join(".", compiled.modules().get(0).packagePath());
      String query =
          spec.getQuery() == null || spec.getQuery().isBlank() ? pkg + ".match" : spec.getQuery();
      PreparedQuery match = compiled.prepare(query);
      PreparedQuery reason =
          compiled.rulesNamed("reason").contains(pkg + ".reason")
              ? compiled.prepare(pkg + ".reason")
              : null;
      return PolicyCompilation.ok(
          new CompiledModelPolicy(
              name,
              spec.effectivePrecedence(),
              spec.isEffectivelyTerminal(),
              spec.getActions() == null ? List.of() : spec.getActions(),
              match,
              reason));
    } catch (RegoCompileException e) {
      return PolicyCompilation.failed(e.errors().stream().map(RegoError::toString).toList());
    }
  }
}
