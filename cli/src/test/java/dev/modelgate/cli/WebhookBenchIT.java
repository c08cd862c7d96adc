package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code modelgate webhook-bench} end to end, small: an API server mock with a few HFModels, the
 * real {@code modelgate webhook} command as a child process over HTTPS, and every answer checked.
 */
class WebhookBenchIT {

  @Test
  void aSmallRunAnswersEveryRequestCorrectly() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code =
          Main.run(
              "webhook-bench",
              "--models",
              "40",
              "--requests",
              "400",
              "--warmup",
              "0",
              "--concurrency",
              "4",
              "--max-seconds",
              "150");
    } finally {
      System.setOut(original);
    }
    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(report).isZero();
    assertThat(report).contains("40 HFModels", "400 requests", "errors: 0", "webhook RSS");
  }
}
