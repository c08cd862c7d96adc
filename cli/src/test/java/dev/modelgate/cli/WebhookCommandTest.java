package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WebhookCommandTest {

  @Test
  void helpListsTheFlags() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("webhook", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--cert", "--key", "--port", "--default-mode", "--exempt-namespace", "--missing-model");
  }

  @Test
  void badFlagsFailBeforeAnythingStarts() {
    assertThat(
            Main.run("webhook", "--cert", "/nonexistent/tls.crt", "--key", "/nonexistent/tls.key"))
        .isEqualTo(2);
    assertThat(Main.run("webhook", "--default-mode", "sometimes")).isEqualTo(2);
  }
}
