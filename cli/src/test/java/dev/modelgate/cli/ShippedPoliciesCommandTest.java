package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The policies we ship pass their own tests through {@code modelgate policy test}, as CI runs it.
 */
class ShippedPoliciesCommandTest {

  private static final Path SHIPPED = Path.of("../policies/shipped");

  @Test
  void policyTestPassesEveryShippedPolicyTest() {
    CliRun run = CliRun.of("policy", "test", SHIPPED.toString());
    assertThat(run.out()).as(run.err()).containsPattern("PASS: (\\d+)/\\1");
    assertThat(run.out()).doesNotContain("PASS: 0/0");
    assertThat(run.exit()).isZero();
  }

  @Test
  void policyCheckAcceptsEveryShippedPolicy() {
    assertThat(Main.run("policy", "check", SHIPPED.toString())).isZero();
  }
}
