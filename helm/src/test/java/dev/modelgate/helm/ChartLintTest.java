package dev.modelgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code helm lint --strict} over the value sets users are expected to run. */
class ChartLintTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        ValueSets.DEFAULTS,
        ValueSets.CERT_MANAGER,
        ValueSets.CUSTOM_EXEMPT,
        ValueSets.EVERYTHING_ON
      })
  void lintsCleanUnderStrict(String values) {
    LintResult result = ChartUnderTest.lint(values);

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void schemaRefusesASingleWebhookReplica() {
    LintResult result = ChartUnderTest.lint("webhook: {replicas: 1}");

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("replicas");
  }

  @Test
  void schemaRefusesAnUnknownFailurePolicy() {
    LintResult result = ChartUnderTest.lint("webhook: {failurePolicy: Maybe}");

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("failurePolicy");
  }

  /**
   * helm-java renders as an install, so {@code lookup} would reach whatever cluster is configured.
   */
  @Test
  void noTemplateReadsTheCluster() throws IOException {
    List<Path> templates;
    try (Stream<Path> walk = Files.walk(ChartUnderTest.chartDir().resolve("templates"))) {
      templates = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(templates).isNotEmpty();
    for (Path t : templates) {
      assertThat(Files.readString(t)).as(t.toString()).doesNotContainPattern("\\blookup\\b");
    }
  }
}
