package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  private static final Path POLICIES = Path.of("src/test/resources/policy");

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void cloudsmithStylePoliciesPassTheirTests() {
    Path dir = POLICIES.resolve("cloudsmith");
    CliRun r =
        run(
            "policy",
            "test",
            dir.resolve("hf_security_scan.rego").toString(),
            dir.resolve("hf_security_scan_test.rego").toString());
    assertThat(r.out()).contains("PASS: 6/6");
    assertThat(r.exit()).isZero();

    CliRun all = run("policy", "test", dir.toString());
    assertThat(all.out()).contains("PASS: 6/6");
    assertThat(all.exit()).isZero();

    // time.add_date, time.parse_rfc3339_ns, semver.compare, regex.match, every, data files
    CliRun freshness = run("policy", "test", POLICIES.resolve("cloudsmith-freshness").toString());
    assertThat(freshness.out()).contains("PASS: 5/5");
    assertThat(freshness.exit()).isZero();
  }

  @Test
  void failingTestsAreReportedAndExitNonZero(@TempDir Path tmp) throws Exception {
    Files.writeString(
        tmp.resolve("p.rego"),
        "package p\nimport rego.v1\nallow if input.user == \"alice\"\n"
            + "test_alice if allow with input.user as \"alice\"\n"
            + "test_bob if allow with input.user as \"bob\"\n");
    CliRun r = run("policy", "test", tmp.toString());
    assertThat(r.out())
        .contains("data.p.test_bob: FAIL")
        .contains("PASS: 1/2")
        .contains("FAIL: 1/2");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void evalPrintsOpaResultSet(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("input.json");
    Files.writeString(
        input,
        "{\"v0\": {\"package\": {\"name\": \"a/b\", \"files\": []},"
            + " \"model_security\": {\"availability\": \"COMPLETE\", \"scan_summary\": \"UNSAFE\"}}}");
    CliRun r =
        run(
            "policy",
            "eval",
            "-d",
            POLICIES.resolve("cloudsmith/hf_security_scan.rego").toString(),
            "-i",
            input.toString(),
            "data.cloudsmith.match");
    assertThat(r.exit()).isZero();
    assertThat(r.out().replaceAll("\\s", ""))
        .startsWith(
            "{\"result\":[{\"expressions\":[{\"text\":\"data.cloudsmith.match\",\"value\":true}]}]}");

    CliRun undefined = run("policy", "eval", "-d", tmp.toString(), "input.nothing");
    assertThat(undefined.out().strip()).isEqualTo("{}");
  }

  @Test
  void checkReportsLocations() {
    CliRun ok = run("policy", "check", POLICIES.resolve("cloudsmith").toString());
    assertThat(ok.exit()).isZero();
    CliRun bad = run("policy", "check", POLICIES.resolve("broken").toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err())
        .contains("bad.rego:7:")
        .contains("rego_unsafe_var_error: var y is unsafe");
  }
}
