package dev.modelgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code modelgate demo} as a newcomer runs it: the whole story, and exit code 0. */
class DemoCommandIT {

  @Test
  void demoShowsAvailableAndQuarantinedModelsAndAllowedAndDeniedWorkloads() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          Main.run(
              "demo",
              "--examples",
              RepoRoot.find().resolve("examples").toString(),
              "--timeout",
              "150");
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    System.out.println(out);

    assertThat(exit).as(out).isZero();
    assertThat(out)
        .containsPattern("ml-team/tiny-chat\\s+acme-ml/tiny-chat\\s+Available")
        .containsPattern("ml-team/licensed-llm\\s+acme-ml/licensed-llm\\s+Available")
        .containsPattern(
            "ml-team/totally-safe-bert\\s+evil-corp/totally-safe-bert\\s+Quarantined\\s+CRITICAL")
        .containsPattern("Deployment/chat-server\\s+allowed")
        .containsPattern("(?s)Pod/bert-tgi\\s+denied.*?totally-safe-bert")
        .containsPattern("(?s)Pod/quick-experiment\\s+denied.*?mystery-org/unvetted-7b")
        .containsPattern("InferenceService/sketchy-llm\\s+denied")
        .containsPattern("Job/nightly-eval\\s+allowed")
        .contains("The demo ran as expected");
  }
}
