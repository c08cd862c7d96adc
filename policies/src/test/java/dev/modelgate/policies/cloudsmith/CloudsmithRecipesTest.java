package dev.modelgate.policies.cloudsmith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.ModelPolicy;
import dev.modelgate.crds.ModelPolicySpec;
import dev.modelgate.crds.PolicyAction;
import dev.modelgate.crds.PolicyAction.State;
import dev.modelgate.policies.RegoTests;
import dev.modelgate.policies.card.ModelCardParser;
import dev.modelgate.policies.epm.Baseline;
import dev.modelgate.policies.epm.PolicyCatalog;
import dev.modelgate.policies.epm.PolicyEngine;
import dev.modelgate.policies.epm.PolicyOutcome;
import dev.modelgate.policies.input.HubSecurityData;
import dev.modelgate.policies.input.ModelFacts;
import dev.modelgate.policies.input.PolicyInputBuilder;
import dev.modelgate.rego.api.RegoSource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Policies written as Cloudsmith writes its Hugging Face recipes ({@code package cloudsmith},
 * {@code input.v0}) run unmodified: their own tests pass, and against the {@code v0} view ModelGate
 * builds for real models they decide as Cloudsmith would.
 */
class CloudsmithRecipesTest {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @ParameterizedTest
  @ValueSource(strings = {"trusted_publishers", "security_scan", "model_card", "risky_files"})
  void recipeTestsPass(String recipe) throws IOException {
    List<String> failures =
        RegoTests.failures(
            List.of(
                RegoSource.of(recipe + ".rego", read(recipe + ".rego")),
                RegoSource.of(recipe + "_test.rego", read(recipe + "_test.rego"))));
    assertThat(failures).isEmpty();
  }

  @Test
  void trustedPublisherIsAvailableEvenWhenTheHubScanIsIncomplete() throws IOException {
    PolicyOutcome outcome =
        evaluateRecipes(facts("microsoft/phi-2", "model.safetensors", "queued", null));
    assertThat(outcome.state()).isEqualTo(State.Available);
    assertThat(outcome.tags()).containsExactly("trusted-publisher");
  }

  @Test
  void hubUnsafeModelIsQuarantined() throws IOException {
    PolicyOutcome outcome =
        evaluateRecipes(facts("someone/model", "model.safetensors", "unsafe", null));
    assertThat(outcome.state()).isEqualTo(State.Quarantined);
    assertThat(outcome.reasons()).contains("security-scan: Hub scan COMPLETE/UNSAFE");
  }

  @Test
  void cleanModelWithSafeScansStaysAvailableAndRiskyFilesAreTagged() throws IOException {
    PolicyOutcome clean =
        evaluateRecipes(facts("someone/model", "model.safetensors", "safe", null));
    assertThat(clean.state()).isEqualTo(State.Available);
    assertThat(clean.tags()).isEmpty();

    PolicyOutcome risky =
        evaluateRecipes(facts("someone/model", "pytorch_model.bin", "safe", null));
    assertThat(risky.state()).isEqualTo(State.Available);
    assertThat(risky.tags()).containsExactly("risky-file");
  }

  @Test
  void modelCardDatasetIsSeenThroughTheNormalisedCard() throws IOException {
    // The card writes a scalar; Cloudsmith's card view (and ours) has a list.
    PolicyOutcome outcome =
        evaluateRecipes(
            facts(
                "someone/model",
                "model.safetensors",
                "safe",
                "---\ndatasets: HuggingFaceTB/smollm-corpus\n---\n"));
    assertThat(outcome.tags()).containsExactly("smollm-trained");
  }

  private static PolicyOutcome evaluateRecipes(ModelFacts facts) throws IOException {
    List<ModelPolicy> policies =
        List.of(
            policy(
                "trusted-publishers",
                "trusted_publishers",
                0,
                true,
                PolicyAction.setStateTo(State.Available),
                PolicyAction.addTags("trusted-publisher")),
            policy(
                "security-scan",
                "security_scan",
                1,
                false,
                PolicyAction.setStateTo(State.Quarantined)),
            policy("model-card", "model_card", 2, false, PolicyAction.addTags("smollm-trained")),
            policy("risky-files", "risky_files", 3, false, PolicyAction.addTags("risky-file")));
    PolicyCatalog catalog = new PolicyCatalog();
    return new PolicyEngine()
        .evaluate(
            catalog.active(policies),
            PolicyInputBuilder.build(facts),
            new Baseline(State.Available, List.of()));
  }

  private static ModelFacts facts(String repo, String file, String hubStatus, String readme) {
    return new ModelFacts(
        repo,
        "main",
        COMMIT,
        "ml",
        "m",
        false,
        false,
        "2024-07-16T00:00:00Z",
        List.of(),
        null,
        List.of(ModelFacts.FileFacts.of(file, 10, "ab".repeat(32), "cd".repeat(20), null)),
        new HubSecurityData(
            List.of(new HubSecurityData.FileStatus(file, hubStatus, Map.of())), List.of(), true),
        ModelCardParser.parse(readme));
  }

  private static ModelPolicy policy(
      String name, String recipe, int precedence, boolean terminal, PolicyAction... actions)
      throws IOException {
    ModelPolicySpec spec = new ModelPolicySpec();
    spec.setRego(read(recipe + ".rego"));
    spec.setPrecedence(precedence);
    spec.setTerminal(terminal);
    spec.setActions(List.of(actions));
    ModelPolicy p = new ModelPolicy();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.setSpec(spec);
    return p;
  }

  private static String read(String file) throws IOException {
    try (InputStream in = CloudsmithRecipesTest.class.getResourceAsStream("/cloudsmith/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
