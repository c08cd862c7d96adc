package dev.modelgate.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture written by {@code fixtures/gen_pickle_family.py} gets the verdict recorded in
 * {@code fixtures/pickle-family.expected}: benign files stay below HIGH, each hostile file is
 * graded exactly at its stated severity with its stated rules.
 */
class PickleFamilyCorpusTest {
  private static final ModelScanner SCANNER = new ModelScanner();

  record Expectation(String path, String verdict, List<String> rules) {}

  static Path fixtures() throws URISyntaxException {
    return Path.of(
            PickleFamilyCorpusTest.class.getResource("/fixtures/pickle-family.expected").toURI())
        .getParent();
  }

  static List<Expectation> expectations() throws IOException, URISyntaxException {
    List<Expectation> out = new ArrayList<>();
    for (String line : Files.readAllLines(fixtures().resolve("pickle-family.expected"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      List<String> rules = f.length > 2 ? Arrays.asList(f[2].split(",")) : List.of();
      out.add(new Expectation(f[0], f[1], rules));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureGetsItsVerdict() throws IOException, URISyntaxException {
    Path root = fixtures();
    return expectations().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.path(),
                    () -> {
                      FileReport r = SCANNER.scanFile(root.resolve(e.path()), e.path());
                      assertThat(r.error()).as("error of %s", e.path()).isNull();
                      if (e.verdict().equals("BENIGN")) {
                        assertThat(r.severity())
                            .as("benign %s: %s", e.path(), r.findings())
                            .isLessThan(Severity.HIGH);
                      } else {
                        assertThat(r.severity())
                            .as("%s: %s", e.path(), r.findings())
                            .isEqualTo(Severity.valueOf(e.verdict()));
                      }
                      assertThat(r.findings())
                          .as("rules of %s: %s", e.path(), r.findings())
                          .extracting(Finding::rule)
                          .containsAll(e.rules());
                    }));
  }

  /** BENIGN (below HIGH) or an exact severity below MEDIUM: an ordinary, clean file. */
  private static boolean isClean(Expectation e) {
    return e.verdict().equals("BENIGN")
        || Severity.valueOf(e.verdict()).compareTo(Severity.MEDIUM) < 0;
  }

  @Test
  void theCorpusCoversBothSides() throws IOException, URISyntaxException {
    List<Expectation> all = expectations();
    assertThat(all).filteredOn(PickleFamilyCorpusTest::isClean).hasSizeGreaterThan(40);
    assertThat(all).filteredOn(e -> e.verdict().equals("CRITICAL")).hasSizeGreaterThan(60);
    // every fixture file is listed, so nothing generated goes unchecked
    Path root = fixtures();
    try (Stream<Path> files = Files.walk(root)) {
      List<String> onDisk =
          files
              .filter(Files::isRegularFile)
              .map(p -> root.relativize(p).toString())
              .filter(p -> p.matches("(pickle|torch|numpy|joblib|sklearn)/.*"))
              .toList();
      assertThat(all.stream().map(Expectation::path).toList())
          .containsExactlyInAnyOrderElementsOf(onDisk);
    }
  }
}
