package dev.modelgate.policies.epm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.PolicyAction.State;
import dev.modelgate.crds.PolicyDecision;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

  private static final Baseline AVAILABLE = new Baseline(State.Available, List.of());
  private static final Map<String, Object> INPUT =
      Map.of("model", Map.of("publisher", "google", "repo", "google/gemma"), "risk", "high");

  private final PolicyCatalog catalog = new PolicyCatalog();
  private final PolicyEngine engine = new PolicyEngine();

  @Test
  void terminalTrustedPublisherStopsLaterQuarantine() {
    PolicyOutcome outcome =
        evaluate(
            policy("quarantine-risky", 5, false, "match if input.risk == \"high\"", quarantine()),
            policy(
                "trusted",
                0,
                true,
                "match if input.model.publisher == \"google\"",
                PolicyAction.setStateTo(State.Available),
                PolicyAction.addTags("trusted-publisher")));

    assertThat(outcome.state()).isEqualTo(State.Available);
    assertThat(outcome.tags()).containsExactly("trusted-publisher");
    assertThat(outcome.decisions())
        .extracting(PolicyDecision::getPolicy)
        .containsExactly(Baseline.NAME, "trusted");
  }

  @Test
  void nonTerminalPoliciesRunInPrecedenceOrderAndTheLastSetStateWins() {
    ModelPolicy restore =
        policy("restore", 1, false, "match if true", PolicyAction.setStateTo(State.Available));
    ModelPolicy block = policy("block", 2, false, "match if true", quarantine());
    assertThat(evaluate(restore, block).state()).isEqualTo(State.Quarantined);

    restore.getSpec().setPrecedence(3);
    assertThat(evaluate(restore, block).state()).isEqualTo(State.Available);
  }

  @Test
  void nonMatchingTerminalPolicyLetsEvaluationContinue() {
    PolicyOutcome outcome =
        evaluate(
            policy("terminal-no-match", 0, true, "match if false", PolicyAction.addTags("x")),
            policy("later", 1, false, "match if true", PolicyAction.addTags("later")));
    assertThat(outcome.tags()).containsExactly("later");
  }

  @Test
  void reasonsAreCollectedFromTheReasonSet() {
    PolicyOutcome outcome =
        evaluate(
            policy(
                "why",
                0,
                false,
                "match if count(reason) > 0\nreason contains \"b\" if true\nreason contains \"a\" if true",
                PolicyAction.addTags("t")));
    assertThat(outcome.decisions().get(1).getReasons()).containsExactly("a", "b");
    assertThat(outcome.reasons()).contains("why: a", "why: b");
  }

  @Test
  void addAndRemoveTagsApplyInOrder() {
    PolicyOutcome outcome =
        evaluate(
            policy("add", 0, false, "match if true", PolicyAction.addTags("a", "b")),
            policy("remove", 1, false, "match if true", PolicyAction.removeTags("a")));
    assertThat(outcome.tags()).containsExactly("b");
  }

  @Test
  void aPolicyThatFailsAtEvaluationQuarantinesButOthersStillRun() {
    // Two complete definitions with different values: OPA's eval_conflict_error at run time.
    PolicyOutcome outcome =
        evaluate(
            policy(
                "broken",
                0,
                false,
                "x := 1 if input.risk\nx := 2 if input.risk\nmatch if x",
                quarantine()),
            policy("after", 1, false, "match if true", PolicyAction.setStateTo(State.Available)));

    assertThat(outcome.state()).isEqualTo(State.Quarantined);
    assertThat(outcome.failedPolicies()).containsExactly("broken");
    PolicyDecision broken = outcome.decisions().get(1);
    assertThat(broken.getError()).contains("conflict");
    assertThat(outcome.decisions().get(2).getMatched()).isTrue();
  }

  @Test
  void aNonBooleanDecisionIsAnError() {
    PolicyOutcome outcome = evaluate(policy("odd", 0, false, "match := \"yes\"", quarantine()));
    assertThat(outcome.failedPolicies()).containsExactly("odd");
    assertThat(outcome.state()).isEqualTo(State.Quarantined);
  }

  @Test
  void disabledAndInvalidPoliciesAreSkipped() {
    ModelPolicy disabled = policy("disabled", 0, false, "match if true", quarantine());
    disabled.getSpec().setEnabled(false);
    ModelPolicy invalid = policy("invalid", 1, false, "match if {", quarantine());
    PolicyOutcome outcome = evaluate(disabled, invalid);
    assertThat(outcome.state()).isEqualTo(State.Available);
    assertThat(outcome.decisions())
        .extracting(PolicyDecision::getPolicy)
        .containsExactly(Baseline.NAME);
  }

  @Test
  void invalidRegoIsReportedWithFileLineAndColumn() {
    PolicyCompilation c =
        catalog.compile(
            "bad",
            spec("package p\n\nmatch if {\n  input.x ==\n}\n", 0, false, List.of(quarantine())));
    assertThat(c.isValid()).isFalse();
    assertThat(c.message()).startsWith("bad.rego:").contains("rego_parse_error");
  }

  @Test
  void unsafeVariablesAreCompileErrors() {
    PolicyCompilation c =
        catalog.compile(
            "unsafe", spec("package p\nmatch if y > 1\n", 0, false, List.of(quarantine())));
    assertThat(c.isValid()).isFalse();
    assertThat(c.message()).contains("unsafe.rego:2:").contains("var y is unsafe");
  }

  @Test
  void theCatalogReusesACompilationWhileTheSpecIsUnchanged() {
    ModelPolicySpec spec = spec("package p\nmatch if true\n", 0, false, List.of(quarantine()));
    PolicyCompilation first = catalog.compile("p", spec);
    assertThat(catalog.compile("p", spec)).isSameAs(first);
    spec.setPrecedence(3);
    assertThat(catalog.compile("p", spec)).isNotSameAs(first);
  }

  @Test
  void baselineQuarantineStandsUnlessAPolicySetsAState() {
    Baseline quarantined = new Baseline(State.Quarantined, List.of("1 CRITICAL finding"));
    PolicyOutcome outcome =
        engine.evaluate(
            catalog.active(
                List.of(policy("tag", 0, false, "match if true", PolicyAction.addTags("t")))),
            INPUT,
            quarantined);
    assertThat(outcome.state()).isEqualTo(State.Quarantined);
    assertThat(outcome.decisions().get(0).getReasons()).containsExactly("1 CRITICAL finding");
  }

  private PolicyOutcome evaluate(ModelPolicy... policies) {
    return engine.evaluate(catalog.active(List.of(policies)), INPUT, AVAILABLE);
  }

  private static PolicyAction quarantine() {
    return PolicyAction.setStateTo(State.Quarantined);
  }

  private static ModelPolicy policy(
      String name, int precedence, boolean terminal, String rules, PolicyAction... actions) {
    ModelPolicy p = new ModelPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.setSpec(
        spec(
            "package cloudsmith\n\ndefault match := false\n\n" + rules + "\n",
            precedence,
            terminal,
            List.of(actions)));
    return p;
  }

  private static ModelPolicySpec spec(
      String rego, int precedence, boolean terminal, List<PolicyAction> actions) {
    ModelPolicySpec s = new ModelPolicySpec();
    s.setRego(rego);
    s.setPrecedence(precedence);
    s.setTerminal(terminal);
    s.setActions(actions);
    return s;
  }
}
