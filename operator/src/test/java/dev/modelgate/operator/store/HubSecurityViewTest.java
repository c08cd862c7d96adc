package dev.modelgate.operator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgate.crds.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubSecurityViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ScannedFile file(String hubStatus) throws Exception {
    JsonNode sec = hubStatus == null ? null : JSON.readTree("{\"status\":\"" + hubStatus + "\"}");
    return new ScannedFile(
        "f", 1, "a".repeat(64), null, null, "x", Severity.NONE, List.of(), null, sec);
  }

  private static HubSecurityView view(String... statuses) throws Exception {
    List<ScannedFile> files = new ArrayList<>();
    for (String s : statuses) {
      files.add(file(s));
    }
    return HubSecurityView.summarise(files, null);
  }

  @Test
  void allSafeIsCompleteAndSafe() throws Exception {
    assertThat(view("safe", "safe"))
        .extracting("availability", "scanSummary")
        .containsExactly("COMPLETE", "SAFE");
  }

  @Test
  void worstVerdictWinsAndUnknownWordsAreUnsafe() throws Exception {
    assertThat(view("safe", "caution").scanSummary()).isEqualTo("UNSAFE");
    assertThat(view("safe", "malicious").scanSummary()).isEqualTo("UNSAFE");
    assertThat(view("safe", "queued").scanSummary()).isEqualTo("QUEUED");
    assertThat(view("queued", "unscanned").scanSummary()).isEqualTo("UNKNOWN");
  }

  @Test
  void availabilityCountsFinalVerdicts() throws Exception {
    assertThat(view("safe", null).availability()).isEqualTo("PARTIAL");
    assertThat(view("queued", "unscanned", null).availability()).isEqualTo("UNAVAILABLE");
    assertThat(view().availability()).isEqualTo("UNAVAILABLE");
  }

  @Test
  void repoLevelIssuesMakeItUnsafe() throws Exception {
    JsonNode repo =
        JSON.readTree(
            "{\"scansDone\":true,\"filesWithIssues\":[{\"path\":\"f\",\"level\":\"caution\"}]}");
    assertThat(HubSecurityView.summarise(List.of(file("safe")), repo).scanSummary())
        .isEqualTo("UNSAFE");
  }
}
