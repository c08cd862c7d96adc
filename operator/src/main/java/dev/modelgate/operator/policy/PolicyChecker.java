package dev.modelgate.operator.policy;

import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.validation.ModelPolicySpecValidator;
import dev.modelgate.crds.validation.Violation;
import java.util.List;

/**
 * Checks a ModelPolicy before it may take part in decisions. The default checks structure only; the
 * policies module replaces it with one that also compiles the Rego and reports {@code line:col:
 * message}.
 */
@FunctionalInterface
public interface PolicyChecker {
  /** Problems with the policy, for people; empty when it is usable. */
  List<String> check(ModelPolicySpec spec);

  /**
   * Like {@link #check(ModelPolicySpec)}; the name labels error locations ({@code name.rego:3:7}).
   */
  default List<String> check(String name, ModelPolicySpec spec) {
    return check(spec);
  }

  /** Structural checks only (the shared validator). */
  static PolicyChecker structural() {
    return spec ->
        ModelPolicySpecValidator.validate(spec).stream().map(Violation::toString).toList();
  }
}
