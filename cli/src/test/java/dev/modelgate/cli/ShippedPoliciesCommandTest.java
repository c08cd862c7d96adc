package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The policies we ship pass their own tests through {@code modelgate policy test}, as CI runs it.
 */
class ShippedPoliciesCommandTest {

  private static final Path SHIPPED = Path.of("../policies/shipped");

  @Test
  void policyTestPassesEveryShippedPolicyTest() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.run("policy", "test", SHIPPED.toString());
    } finally {
      System.setOut(oldOut);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).as(printed).containsPattern("PASS: (\\d+)/\\1");
    assertThat(printed).doesNotContain("PASS: 0/0");
    assertThat(code).isZero();
  }

  @Test
  void policyCheckAcceptsEveryShippedPolicy() {
    assertThat(Main.run("policy", "check", SHIPPED.toString())).isZero();
  }
}
