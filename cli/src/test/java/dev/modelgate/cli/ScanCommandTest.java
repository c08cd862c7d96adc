package dev.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  /** pickle.dumps(os.system-reducer, protocol=2). */
  static final byte[] EVIL =
      HexFormat.of()
          .parseHex(
              "800263706f7369780a73797374656d0a710058070000006563686f20686971018571025271032e");

  /** pickle.dumps(OrderedDict(a=1), protocol=2). */
  static final byte[] BENIGN =
      HexFormat.of()
          .parseHex(
              "800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158010000006171024b01732e");

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path model() throws Exception {
    Path m = dir.resolve("model");
    Files.createDirectories(m.resolve("sub"));
    Files.write(m.resolve("ok.pkl"), BENIGN);
    Files.write(m.resolve("sub/evil.bin"), EVIL);
    Files.writeString(m.resolve("README.md"), "# a model\n");
    return m;
  }

  @Test
  void jsonListsEveryFileWithPathsAsGivenAndExits1OnHigh() throws Exception {
    Path m = model();
    CliRun r = run("scan", "--format", "json", m.toString());
    assertThat(r.exit()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("files")).hasSize(3);
    JsonNode evil = null;
    for (JsonNode f : root.path("files")) {
      assertThat(f.path("path").asText()).startsWith(m.toString());
      if (f.path("path").asText().equals(m.resolve("sub/evil.bin").toString())) {
        evil = f;
      }
    }
    assertThat(evil).isNotNull();
    assertThat(evil.path("format").asText()).isEqualTo("pickle");
    assertThat(evil.path("severity").asText()).isEqualTo("CRITICAL");
    JsonNode finding = evil.path("findings").get(0);
    assertThat(finding.has("rule")).isTrue();
    assertThat(finding.has("message")).isTrue();
    assertThat(finding.has("location")).isTrue();
    assertThat(root.path("summary").path("maxSeverity").asText()).isEqualTo("CRITICAL");
    assertThat(root.path("summary").path("files").asInt()).isEqualTo(3);
  }

  @Test
  void failOnControlsTheExitCode() throws Exception {
    Path ok = dir.resolve("ok.pkl");
    Files.write(ok, BENIGN);
    assertThat(run("scan", ok.toString()).exit()).isZero();
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "hello\n");
    assertThat(run("scan", "--fail-on", "INFO", readme.toString()).exit()).isEqualTo(1);
    assertThat(run("scan", "--fail-on", "low", readme.toString()).exit()).isZero();
  }

  @Test
  void usageAndIoErrorsExit2() throws Exception {
    assertThat(run("scan", "--fail-on", "SEVERE", dir.toString()).exit()).isEqualTo(2);
    assertThat(run("scan", "--format", "xml", dir.toString()).exit()).isEqualTo(2);
    assertThat(run("scan").exit()).isEqualTo(2);
    CliRun missing = run("scan", dir.resolve("nope.bin").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).contains("no such file");
    // a malicious file outranks an unreadable one
    Path evil = dir.resolve("evil.pkl");
    Files.write(evil, EVIL);
    assertThat(run("scan", evil.toString(), dir.resolve("nope.bin").toString()).exit())
        .isEqualTo(1);
  }

  @Test
  void textNamesTheFindingAndSummarises() throws Exception {
    CliRun r = run("scan", model().toString());
    assertThat(r.out())
        .contains("CRITICAL", "sub/evil.bin", "pickle.import.dangerous", "posix.system")
        .contains("3 files")
        .contains("max severity CRITICAL");
    assertThat(r.err()).doesNotContain("["); // no progress bar when stderr is not a terminal
  }

  @Test
  void sarifIsVersion210WithOneResultPerFinding() throws Exception {
    CliRun r = run("scan", "--format", "sarif", model().toString());
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("version").asText()).isEqualTo("2.1.0");
    JsonNode run = root.path("runs").get(0);
    assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("ModelGate");
    JsonNode results = run.path("results");
    assertThat(results.size()).isGreaterThanOrEqualTo(2);
    boolean error = false;
    for (JsonNode res : results) {
      assertThat(res.path("ruleId").asText()).isNotEmpty();
      assertThat(
              res.path("locations")
                  .get(0)
                  .path("physicalLocation")
                  .path("artifactLocation")
                  .path("uri")
                  .asText())
          .isNotEmpty();
      error |= res.path("level").asText().equals("error");
    }
    assertThat(error).isTrue();
    assertThat(r.exit()).isEqualTo(1);
  }
}
