package dev.modelgate.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.crds.HFModelSpec;
import dev.modelgate.crds.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HFModelSpecValidatorTest {

  private static HFModelSpec spec(String repo) {
    return new HFModelSpec(repo, null);
  }

  private static List<String> fields(HFModelSpec spec) {
    return HFModelSpecValidator.validate(spec).stream().map(Violation::field).toList();
  }

  @Test
  void fullValidSpecHasNoViolations() {
    HFModelSpec s = new HFModelSpec("HuggingFaceTB/SmolLM-135M", "refs/pr/12");
    s.setFiles(List.of("*.safetensors", "*.json", "tokenizer[._]*"));
    s.setEndpoint("https://hf-mirror.example.com/hub");
    s.setTokenSecretRef(new SecretKeyRef("hf-token", "token"));
    s.setMaxTotalSize(new Quantity("200Gi"));
    s.setRefreshInterval("24h");
    assertThat(HFModelSpecValidator.validate(s)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"gpt2", "org/name", "a_b/c.d-e", "EleutherAI/gpt-j-6b", "x/y1", "Qwen/Qwen2.5-7B"})
  void acceptsHubRepoIds(String repo) {
    assertThat(HFModelSpecValidator.validate(spec(repo))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "org/",
        "/name",
        "a/b/c",
        "org/na me",
        "org/-name",
        "org/name.",
        "org/a--b",
        "org/a..b",
        "../etc",
        "org/ñame"
      })
  void rejectsBadRepoIdsNamingTheField(String repo) {
    assertThat(fields(spec(repo))).containsExactly("spec.repo");
  }

  @Test
  void rejectsOverlongRepoName() {
    assertThat(fields(spec("org/" + "a".repeat(97)))).containsExactly("spec.repo");
    assertThat(fields(spec("org/" + "a".repeat(96)))).isEmpty();
  }

  @Test
  void missingRepoOrSpecIsAViolation() {
    assertThat(fields(new HFModelSpec())).containsExactly("spec.repo");
    assertThat(HFModelSpecValidator.validate(null)).extracting(Violation::field).contains("spec");
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "v1.0", "refs/pr/1", "refs/convert/parquet", "0123456789abcdef"})
  void acceptsRevisions(String rev) {
    assertThat(HFModelSpecValidator.validate(new HFModelSpec("o/n", rev))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-x", "a..b", "refs//pr", "main/", "a b", "x?y", "~main"})
  void rejectsBadRevisions(String rev) {
    assertThat(fields(new HFModelSpec("o/n", rev))).containsExactly("spec.revision");
  }

  @Test
  void rejectsBadQuantityIntervalGlobEndpointAndSecret() {
    HFModelSpec s = spec("o/n");
    s.setMaxTotalSize(new Quantity("-5Gi"));
    s.setRefreshInterval("1 day");
    s.setFiles(List.of("ok*", "bad[", ""));
    s.setEndpoint("ftp://example.com");
    s.setTokenSecretRef(new SecretKeyRef("Not_A_Name", "bad key"));
    assertThat(fields(s))
        .containsExactlyInAnyOrder(
            "spec.maxTotalSize",
            "spec.refreshInterval",
            "spec.files[1]",
            "spec.files[2]",
            "spec.endpoint",
            "spec.tokenSecretRef.name",
            "spec.tokenSecretRef.key");
  }

  @Test
  void unparseableQuantityIsAViolationNotAnException() {
    HFModelSpec s = spec("o/n");
    s.setMaxTotalSize(new Quantity("lots"));
    assertThat(HFModelSpecValidator.validate(s))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("not a quantity"));
  }

  @Test
  void refreshIntervalHasAFloor() {
    HFModelSpec s = spec("o/n");
    s.setRefreshInterval("30s");
    assertThat(fields(s)).containsExactly("spec.refreshInterval");
  }

  @Test
  void maxTotalBytesConvertsQuantities() {
    HFModelSpec s = spec("o/n");
    assertThat(HFModelSpecValidator.maxTotalBytes(s)).isEqualTo(Long.MAX_VALUE);
    s.setMaxTotalSize(new Quantity("2Ki"));
    assertThat(HFModelSpecValidator.maxTotalBytes(s)).isEqualTo(2048);
    s.setMaxTotalSize(new Quantity("1M"));
    assertThat(HFModelSpecValidator.maxTotalBytes(s)).isEqualTo(1_000_000);
  }

  @Test
  void violationReadsAsFieldThenMessage() {
    assertThat(HFModelSpecValidator.validate(spec("a--b")).get(0).toString())
        .startsWith("spec.repo: 'a--b' is not a Hub repo id");
  }
}
