package dev.modelgate.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.PolicyAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPolicySpecValidatorTest {

  private static ModelPolicySpec policy(PolicyAction... actions) {
    ModelPolicySpec s = new ModelPolicySpec();
    s.setRego("package cloudsmith\ndefault match := false\n");
    s.setActions(new ArrayList<>(List.of(actions)));
    return s;
  }

  private static List<String> fields(ModelPolicySpec s) {
    return ModelPolicySpecValidator.validate(s).stream().map(Violation::field).toList();
  }

  @Test
  void validPolicyHasNoViolationsAndDefaults() {
    ModelPolicySpec s =
        policy(
            PolicyAction.setStateTo(PolicyAction.State.Quarantined),
            PolicyAction.addTags("hub-unsafe"),
            PolicyAction.removeTags("trusted"));
    s.setQuery("data.cloudsmith.match");
    assertThat(ModelPolicySpecValidator.validate(s)).isEmpty();
    assertThat(s.isEffectivelyEnabled()).isTrue();
    assertThat(s.isEffectivelyTerminal()).isFalse();
    assertThat(s.effectivePrecedence()).isZero();
  }

  @Test
  void regoIsRequiredAndBounded() {
    ModelPolicySpec s = policy();
    s.setRego(" ");
    assertThat(fields(s)).containsExactly("spec.rego");
    s.setRego("x".repeat(ModelPolicySpec.MAX_REGO_CHARS + 1));
    assertThat(fields(s)).containsExactly("spec.rego");
  }

  @Test
  void queryMustBeADataReference() {
    ModelPolicySpec s = policy();
    s.setQuery("input.x");
    assertThat(fields(s)).containsExactly("spec.query");
    s.setQuery("data");
    assertThat(fields(s)).containsExactly("spec.query");
  }

  @Test
  void actionsAreCheckedByType() {
    ModelPolicySpec s =
        policy(
            new PolicyAction(PolicyAction.Type.SetState, null, null),
            new PolicyAction(PolicyAction.Type.AddTags, PolicyAction.State.Available, List.of()),
            new PolicyAction(PolicyAction.Type.RemoveTags, null, List.of("ok", "bad tag")),
            new PolicyAction(null, null, null));
    assertThat(fields(s))
        .containsExactly(
            "spec.actions[0].state",
            "spec.actions[1].state",
            "spec.actions[1].tags",
            "spec.actions[2].tags[1]",
            "spec.actions[3].type");
  }

  @Test
  void tooManyActionsIsOneViolation() {
    List<PolicyAction> many = new ArrayList<>();
    for (int i = 0; i <= ModelPolicySpec.MAX_ACTIONS; i++) {
      many.add(PolicyAction.addTags("t" + i));
    }
    ModelPolicySpec s = policy();
    s.setActions(many);
    assertThat(fields(s)).containsExactly("spec.actions");
  }
}
