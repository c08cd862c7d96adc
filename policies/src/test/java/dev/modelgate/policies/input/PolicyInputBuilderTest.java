package dev.modelgate.policies.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.policies.card.ModelCardParser;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyInputBuilderTest {

  private static final String COMMIT = "1d4617230c2a8b7e0d1f4a0b5d7c0e9f8a6b3c21";

  @Test
  void buildsNativeAndCloudsmithViews() {
    FileReport pickle =
        new FileReport(
            "pytorch_model.bin",
            "pytorch-zip",
            Severity.CRITICAL,
            List.of(Finding.of(Severity.CRITICAL, "pickle.global.dangerous", "os.system")),
            null,
            100,
            50);
    ModelFacts facts =
        new ModelFacts(
            "acme/bert",
            "main",
            COMMIT,
            "ml",
            "bert",
            false,
            false,
            "2024-07-16T00:00:00Z",
            List.of("text-classification"),
            "text-classification",
            List.of(
                ModelFacts.FileFacts.of("pytorch_model.bin", 100, "ab".repeat(32), "c1", pickle),
                ModelFacts.FileFacts.of("config.json", 10, null, "c2", null)),
            new HubSecurityData(
                List.of(
                    new HubSecurityData.FileStatus(
                        "pytorch_model.bin", "unsafe", Map.of("avScan", Map.of("status", "safe"))),
                    new HubSecurityData.FileStatus("config.json", "safe", Map.of())),
                List.of(),
                true),
            ModelCardParser.parse("---\nlicense: mit\ndatasets: foo/bar\ntags: [x]\n---\n"));

    Map<String, Object> doc = PolicyInputBuilder.build(facts);

    assertThat(path(doc, "model", "publisher")).isEqualTo("acme");
    assertThat(path(doc, "scan", "maxSeverity")).isEqualTo("CRITICAL");
    assertThat(path(doc, "scan", "counts", "CRITICAL")).isEqualTo(1);
    assertThat(path(doc, "card", "datasets")).isEqualTo(List.of("foo/bar"));
    assertThat(path(doc, "hub", "scanSummary")).isEqualTo("UNSAFE");
    assertThat(path(doc, "v0", "package", "format")).isEqualTo("huggingface");
    assertThat(path(doc, "v0", "package", "version")).isEqualTo(COMMIT);
    assertThat(path(doc, "v0", "package", "uploader", "slug")).isEqualTo("cloudsmith-o6v");
    assertThat(path(doc, "v0", "package", "license", "raw_license")).isEqualTo("mit");
    assertThat(path(doc, "v0", "model_security", "availability")).isEqualTo("COMPLETE");
    assertThat(path(doc, "v0", "model_security", "scan_summary")).isEqualTo("UNSAFE");
    List<?> details = (List<?>) path(doc, "v0", "model_security", "scan_details");
    assertThat(details).hasSize(1);
    assertThat(map(details.get(0))).containsEntry("path", "pytorch_model.bin");
    assertThat(map(details.get(0))).containsKey("clamav");
    List<?> files = (List<?>) path(doc, "v0", "package", "files");
    assertThat(map(files.get(0))).containsEntry("file_extension", ".bin");
    assertThat(map(files.get(0))).containsEntry("oid", "ab".repeat(32));
    assertThat(map(files.get(1))).containsEntry("oid", "c2");
    List<?> tags = (List<?>) path(doc, "v0", "package", "tags");
    assertThat(tags.stream().map(t -> map(t).get("name")).toList()).containsExactly("main", "x");
  }

  @Test
  void hubAvailabilityFollowsHowManyFilesHaveFinalVerdicts() {
    List<String> paths = List.of("a", "b");
    assertThat(HubSecuritySummary.of(HubSecurityData.NONE, paths).availability())
        .isEqualTo("UNAVAILABLE");
    HubSecurityData partial =
        new HubSecurityData(
            List.of(
                new HubSecurityData.FileStatus("a", "safe", Map.of()),
                new HubSecurityData.FileStatus("b", "queued", Map.of())),
            List.of(),
            false);
    HubSecuritySummary summary = HubSecuritySummary.of(partial, paths);
    assertThat(summary.availability()).isEqualTo("PARTIAL");
    assertThat(summary.scanSummary()).isEqualTo(HubVerdict.QUEUED);
  }

  @Test
  void repoLevelIssuesAndUnknownWordsFailClosed() {
    HubSecurityData data =
        new HubSecurityData(
            List.of(
                new HubSecurityData.FileStatus("a", "safe", Map.of()),
                new HubSecurityData.FileStatus("b", "malicious", Map.of())),
            List.of("a"),
            true);
    HubSecuritySummary summary = HubSecuritySummary.of(data, List.of("a", "b"));
    assertThat(summary.perFile()).containsEntry("a", HubVerdict.UNSAFE);
    assertThat(summary.perFile()).containsEntry("b", HubVerdict.UNSAFE);
    assertThat(summary.availability()).isEqualTo("COMPLETE");
  }

  @Test
  void extensionIsTheLastSuffixLowerCased() {
    assertThat(PolicyInputBuilder.extension("dir/Model.SafeTensors")).isEqualTo(".safetensors");
    assertThat(PolicyInputBuilder.extension("model.tar.gz")).isEqualTo(".gz");
    assertThat(PolicyInputBuilder.extension(".gitattributes")).isEqualTo("");
    assertThat(PolicyInputBuilder.extension("LICENSE")).isEqualTo("");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Object path(Map<String, Object> doc, String... keys) {
    Object cur = doc;
    for (String k : keys) {
      cur = ((Map<?, ?>) cur).get(k);
    }
    return cur;
  }
}
