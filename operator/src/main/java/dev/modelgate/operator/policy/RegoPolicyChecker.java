package dev.modelgate.operator.policy;

import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.policies.epm.PolicyCatalog;
import java.util.List;

/**
 * Checks a ModelPolicy the way evaluation will use it: the shared structural validation, then the
 * Rego compiled on its own, with errors as {@code name.rego:line:col: code: message}. Shares the
 * decider's catalog, so each policy version is compiled once for both.
 */
public final class RegoPolicyChecker implements PolicyChecker {

  private final PolicyCatalog catalog;

  public RegoPolicyChecker(PolicyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<String> check(ModelPolicySpec spec) {
    return check("policy", spec);
  }

  @Override
  public List<String> check(String name, ModelPolicySpec spec) {
    return catalog.compile(name, spec).errors();
  }
}
