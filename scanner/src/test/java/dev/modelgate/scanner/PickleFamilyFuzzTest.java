package dev.modelgate.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;

/**
 * Fuzzes the scanners with Jazzer. In the normal build ({@code mvn test}) each target runs once per
 * seed in {@code src/test/resources/dev/modelgate/scanner/PickleFamilyFuzzTestInputs/<method>/}
 * (regression mode, seconds). For a real fuzzing run, one target per JVM:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl scanner -am test -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='PickleFamilyFuzzTest#pickleMachine' -Djazzer.max_duration=10m
 * </pre>
 *
 * Findings are written as crash files next to the seeds and replayed by every later build.
 */
class PickleFamilyFuzzTest {
  private static final ModelScanner SCANNER =
      new ModelScanner(
          ScanLimits.DEFAULT
              .withMaxOpcodes(2_000_000)
              .withMaxStack(100_000)
              .withMaxMemo(100_000)
              .withMaxTime(Duration.ofSeconds(5)));

  private static void check(String name, byte[] data) {
    FileReport r = SCANNER.scanSource(name, new ByteArraySource(name, data));
    assertThat(r.error()).as("scanner error on %s: %s", name, r.findings()).isNull();
    assertThat(r.findings()).noneMatch(f -> f.rule().equals(Rules.INTERNAL_ERROR));
    if (r.hasRule(Rules.MALFORMED)) {
      assertThat(r.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
    }
  }

  /** Any bytes, detected by content: mostly exercises the pickle machine and sniffing. */
  @FuzzTest(maxDuration = "30s")
  void pickleMachine(byte[] data) {
    check("fuzz.pkl", data);
    // the same bytes behind a PROTO 4 header, so the fuzzer reaches the machine quickly
    byte[] framed = new byte[data.length + 2];
    framed[0] = (byte) 0x80;
    framed[1] = 4;
    System.arraycopy(data, 0, framed, 2, data.length);
    check("fuzz2.pkl", framed);
  }

  /** Container formats: zip (torch, npz), npy, legacy tar. */
  @FuzzTest(maxDuration = "30s")
  void containers(byte[] data) {
    check("fuzz.pt", data);
  }
}
