package dev.modelgate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's pieces that need no running system. */
class DemoPartsTest {

  private static Path examples() {
    String root = System.getenv().getOrDefault("MODELGATE_REPO_ROOT", "..");
    return Path.of(root, "examples");
  }

  @Test
  void examplesSplitIntoSetupModelsAndWorkloads() throws IOException {
    ExampleSet set = ExampleSet.load(examples());
    assertThat(set.setup())
        .extracting(o -> o.path("kind").asText())
        .containsExactly("Namespace", "Secret");
    assertThat(set.models()).hasSize(5).allMatch(o -> o.path("kind").asText().equals("HFModel"));
    assertThat(set.workloads())
        .extracting(ExampleSet::label)
        .containsExactly(
            "Deployment/chat-server",
            "Pod/bert-tgi",
            "InferenceService/sketchy-llm",
            "Job/nightly-eval",
            "Pod/quick-experiment");
  }

  @Test
  void brokenManifestsGetAClearError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), "kind: Pod\nmetadata: {name: [unclosed\n");
    assertThatThrownBy(() -> ExampleSet.load(dir))
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("YAML");
    Files.writeString(dir.resolve("bad.yaml"), "kind: Pod\nmetadata: {}\n");
    assertThatThrownBy(() -> ExampleSet.load(dir)).hasMessageContaining("metadata.name");
    Files.delete(dir.resolve("bad.yaml"));
    assertThatThrownBy(() -> ExampleSet.load(dir)).hasMessageContaining("no .yaml");
  }

  @Test
  void admissionReviewLooksLikeTheApiServers() throws IOException {
    ObjectNode deployment =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\",\"namespace\":\"ml\"}}");
    ObjectNode review = AdmissionClient.review(deployment);
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.at("/request/kind/group").asText()).isEqualTo("apps");
    assertThat(review.at("/request/resource/resource").asText()).isEqualTo("deployments");
    assertThat(review.at("/request/namespace").asText()).isEqualTo("ml");
    assertThat(review.at("/request/operation").asText()).isEqualTo("CREATE");
    assertThat(review.at("/request/uid").asText()).isNotBlank();
    assertThat(AdmissionClient.plural("Pod")).isEqualTo("pods");
    assertThat(AdmissionClient.plural("ModelPolicy")).isEqualTo("modelpolicies");
    assertThat(AdmissionClient.plural("InferenceService")).isEqualTo("inferenceservices");
  }

  @Test
  void expectationsCatchAWrongStory() {
    var good =
        new DemoScenario.Outcome(
            List.of(
                new DemoScenario.ModelRow(
                    "ml-team",
                    "tiny-chat",
                    "acme-ml/tiny-chat",
                    "Available",
                    List.of(),
                    "NONE",
                    ""),
                new DemoScenario.ModelRow(
                    "ml-team",
                    "totally-safe-bert",
                    "evil-corp/totally-safe-bert",
                    "Quarantined",
                    List.of(),
                    "CRITICAL",
                    "x")),
            List.of(
                new DemoScenario.AdmissionRow("Deployment/chat-server", "allowed", "", List.of()),
                new DemoScenario.AdmissionRow("Pod/bert-tgi", "denied", "no", List.of())),
            List.of());
    assertThat(DemoExpectations.check(good)).isEmpty();

    var wrong =
        new DemoScenario.Outcome(
            good.models(),
            List.of(
                new DemoScenario.AdmissionRow("Deployment/chat-server", "allowed", "", List.of()),
                new DemoScenario.AdmissionRow("Pod/bert-tgi", "allowed", "", List.of())),
            List.of());
    assertThat(DemoExpectations.check(wrong))
        .contains("Pod/bert-tgi was allowed, expected denied", "no workload was denied");
  }

  @Test
  void tablesAlignAndWrapTheLastColumn() {
    StringWriter text = new StringWriter();
    DemoReport.table(
        List.of(new String[] {"A", "WHY"}, new String[] {"long-name", "word ".repeat(30).strip()}),
        new int[] {0, 70},
        new PrintWriter(text, true));
    List<String> lines = text.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("  A          WHY");
    assertThat(lines).hasSizeGreaterThan(2);
    assertThat(lines.get(2)).startsWith("  " + " ".repeat(11) + "word");
    assertThat(lines).allMatch(l -> l.length() <= 2 + 11 + 70);
  }
}
