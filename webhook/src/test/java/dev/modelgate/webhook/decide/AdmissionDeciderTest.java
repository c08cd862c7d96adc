package dev.modelgate.webhook.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.webhook.cache.ModelIndex;
import dev.modelgate.webhook.extract.ModelReference;
import dev.modelgate.webhook.extract.ModelReference.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionDeciderTest {

  static final String SHA = "abcdef0123456789abcdef0123456789abcdef01";

  final ModelIndex index = new ModelIndex();

  AdmissionDeciderTest() {
    index.put(new ModelRecord("ml", "ok", "Org/Ok", "main", "Available", SHA, List.of(), true));
    index.put(
        new ModelRecord("ml", "stale", "org/stale", "main", "Available", SHA, List.of(), false));
    index.put(
        new ModelRecord(
            "ml", "q", "org/q", "main", "Quarantined", SHA, List.of("a", "b", "c"), true));
    index.put(
        new ModelRecord(
            "ml", "q-v2", "org/q", "v2", "Available", "ffff" + SHA.substring(4), List.of(), true));
  }

  static ModelReference repo(String repo, String rev) {
    return new ModelReference("c", "arg --model", Kind.REPO, repo, rev);
  }

  Decision decide(MissingModelPolicy missing, EnforcementMode mode, ModelReference... refs) {
    return new AdmissionDecider(index, missing).decide("ml", List.of(refs), mode);
  }

  @Test
  void repoIdsMatchIgnoringCaseAndOnlyInTheirNamespace() {
    assertThat(
            decide(MissingModelPolicy.DENY, EnforcementMode.ENFORCE, repo("org/ok", null))
                .allowed())
        .isTrue();
    Decision other =
        new AdmissionDecider(index, MissingModelPolicy.DENY)
            .decide("other", List.of(repo("org/ok", null)), EnforcementMode.ENFORCE);
    assertThat(other.allowed()).isFalse();
    assertThat(other.message()).contains("has no HFModel in namespace other");
  }

  @Test
  void aStaleAvailableStatusIsNotTrusted() {
    Decision d = decide(MissingModelPolicy.DENY, EnforcementMode.ENFORCE, repo("org/stale", null));
    assertThat(d.allowed()).isFalse();
    assertThat(d.message()).contains("spec changed, not yet re-evaluated");
  }

  @Test
  void anyAvailableHFModelOfTheRepoAtTheRightRevisionWill() {
    assertThat(
            decide(MissingModelPolicy.DENY, EnforcementMode.ENFORCE, repo("org/q", "v2")).allowed())
        .isTrue();
    assertThat(
            decide(MissingModelPolicy.DENY, EnforcementMode.ENFORCE, repo("org/q", "ffff"))
                .allowed())
        .isFalse();
    assertThat(
            decide(MissingModelPolicy.DENY, EnforcementMode.ENFORCE, repo("org/q", "ffffef0"))
                .allowed())
        .isTrue();
    Decision main = decide(MissingModelPolicy.DENY, EnforcementMode.ENFORCE, repo("org/q", "main"));
    assertThat(main.allowed()).isFalse();
    assertThat(main.message()).contains("is Quarantined (HFModel q): a; b (+1 more)");
  }

  @Test
  void missingPolicyDecidesMissingModelsOnly() {
    ModelReference missing = repo("org/none", null);
    ModelReference quarantined = new ModelReference("c", "annotation", Kind.HFMODEL, "q", null);
    Decision warn = decide(MissingModelPolicy.WARN, EnforcementMode.ENFORCE, missing);
    assertThat(warn.allowed()).isTrue();
    assertThat(warn.result()).isEqualTo(Decision.Result.WARNED);
    assertThat(warn.warnings()).singleElement().asString().contains("org/none");
    Decision allow =
        decide(MissingModelPolicy.ALLOW, EnforcementMode.ENFORCE, missing, quarantined);
    assertThat(allow.allowed()).isFalse();
    assertThat(allow.message())
        .contains("1 model reference is", "\"c\": q (annotation) is Quarantined")
        .doesNotContain("org/none");
  }

  @Test
  void modesChangeTheOutcomeNotTheFindings() {
    Decision warn =
        decide(
            MissingModelPolicy.DENY,
            EnforcementMode.WARN,
            repo("org/none", null),
            repo("org/q", "main"));
    assertThat(warn.allowed()).isTrue();
    assertThat(warn.warnings()).hasSize(2);
    Decision off = decide(MissingModelPolicy.DENY, EnforcementMode.OFF, repo("org/none", null));
    assertThat(off.result()).isEqualTo(Decision.Result.SKIPPED);
    assertThat(off.warnings()).isEmpty();
  }

  @Test
  void messagesStayShortWithManyViolations() {
    List<ModelReference> refs = new ArrayList<>();
    for (int i = 0; i < 200; i++) refs.add(repo("org/missing-model-number-" + i, null));
    Decision d =
        new AdmissionDecider(index, MissingModelPolicy.DENY)
            .decide("ml", refs, EnforcementMode.ENFORCE);
    assertThat(d.message())
        .hasSizeLessThanOrEqualTo(AdmissionDecider.MAX_MESSAGE_CHARS)
        .contains("200 model references", "more");
    Decision w =
        new AdmissionDecider(index, MissingModelPolicy.DENY)
            .decide("ml", refs, EnforcementMode.WARN);
    assertThat(w.warnings()).hasSize(AdmissionDecider.MAX_WARNINGS);
    assertThat(w.warnings())
        .allSatisfy(
            s -> assertThat(s).hasSizeLessThanOrEqualTo(AdmissionDecider.MAX_WARNING_CHARS));
  }

  @Test
  void uncheckableReferencesDenyInEnforceWarnInWarnWhateverTheMissingPolicy() {
    ModelReference secret =
        new ModelReference(
            "vllm",
            "env HF_MODEL_ID",
            Kind.UNCHECKABLE,
            "reads HF_MODEL_ID from Secret x, which ModelGate cannot check",
            null);
    Decision denied = decide(MissingModelPolicy.ALLOW, EnforcementMode.ENFORCE, secret);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.message())
        .endsWith(
            ": container \"vllm\": reads HF_MODEL_ID from Secret x, which ModelGate cannot check");
    Decision warned = decide(MissingModelPolicy.DENY, EnforcementMode.WARN, secret);
    assertThat(warned.allowed()).isTrue();
    assertThat(warned.result()).isEqualTo(Decision.Result.WARNED);
    assertThat(warned.warnings())
        .containsExactly(
            "ModelGate: container \"vllm\": reads HF_MODEL_ID from Secret x, which ModelGate"
                + " cannot check");
  }
}
