package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  private static final Path POLICIES = Path.of("src/test/resources/policy");

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void cloudsmithStylePoliciesPassTheirTests() {
    Path dir = POLICIES.resolve("cloudsmith");
    Run r =
        run(
            "policy",
            "test",
            dir.resolve("hf_security_scan.rego").toString(),
            dir.resolve("hf_security_scan_test.rego").toString());
    assertThat(r.out()).contains("PASS: 6/6");
    assertThat(r.code()).isZero();

    Run all = run("policy", "test", dir.toString());
    assertThat(all.out()).contains("PASS: 6/6");
    assertThat(all.code()).isZero();

    // time.add_date, time.parse_rfc3339_ns, semver.compare, regex.match, every, data files
    Run freshness = run("policy", "test", POLICIES.resolve("cloudsmith-freshness").toString());
    assertThat(freshness.out()).contains("PASS: 5/5");
    assertThat(freshness.code()).isZero();
  }

  @Test
  void failingTestsAreReportedAndExitNonZero(@TempDir Path tmp) throws Exception {
    Files.writeString(
        tmp.resolve("p.rego"),
        "package p\nimport rego.v1\nallow if input.user == \"alice\"\n"
            + "test_alice if allow with input.user as \"alice\"\n"
            + "test_bob if allow with input.user as \"bob\"\n");
    Run r = run("policy", "test", tmp.toString());
    assertThat(r.out())
        .contains("data.p.test_bob: FAIL")
        .contains("PASS: 1/2")
        .contains("FAIL: 1/2");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void evalPrintsOpaResultSet(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("input.json");
    Files.writeString(
        input,
        "{\"v0\": {\"package\": {\"name\": \"a/b\", \"files\": []},"
            + " \"model_security\": {\"availability\": \"COMPLETE\", \"scan_summary\": \"UNSAFE\"}}}");
    Run r =
        run(
            "policy",
            "eval",
            "-d",
            POLICIES.resolve("cloudsmith/hf_security_scan.rego").toString(),
            "-i",
            input.toString(),
            "data.cloudsmith.match");
    assertThat(r.code()).isZero();
    assertThat(r.out().replaceAll("\\s", ""))
        .startsWith(
            "{\"result\":[{\"expressions\":[{\"text\":\"data.cloudsmith.match\",\"value\":true}]}]}");

    Run undefined = run("policy", "eval", "-d", tmp.toString(), "input.nothing");
    assertThat(undefined.out().strip()).isEqualTo("{}");
  }

  @Test
  void checkReportsLocations() {
    Run ok = run("policy", "check", POLICIES.resolve("cloudsmith").toString());
    assertThat(ok.code()).isZero();
    Run bad = run("policy", "check", POLICIES.resolve("broken").toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err())
        .contains("bad.rego:7:")
        .contains("rego_unsafe_var_error: var y is unsafe");
  }
}
