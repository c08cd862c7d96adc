package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The policies we ship pass their own tests through {@code modelgate policy test}, as CI runs it.
 */
class ShippedPoliciesCommandTest {

  private static final Path SHIPPED = Path.of("../policies/shipped");

  /** Every .rego file (policies and their tests); the YAML index beside them is not policy data. */
  private static String[] regoFiles(String... command) throws IOException {
    try (Stream<Path> files = Files.list(SHIPPED)) {
      return Stream.concat(
              Stream.of(command),
              files.map(Path::toString).filter(f -> f.endsWith(".rego")).sorted())
          .toArray(String[]::new);
    }
  }

  @Test
  void policyTestPassesEveryShippedPolicyTest() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.run(regoFiles("policy", "test"));
    } finally {
      System.setOut(oldOut);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).as(printed).containsPattern("PASS: (\\d+)/\\1");
    assertThat(printed).doesNotContain("PASS: 0/0");
    assertThat(code).isZero();
  }

  @Test
  void policyCheckAcceptsEveryShippedPolicy() throws IOException {
    assertThat(Main.run(regoFiles("policy", "check"))).isZero();
  }
}
