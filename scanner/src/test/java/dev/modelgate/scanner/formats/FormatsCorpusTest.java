package dev.modelgate.scanner.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Finding;
import dev.modelgate.scanner.FormatScanners;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The verdict on every non-pickle fixture written by {@code fixtures/make_formats.py}: the file's
 * severity is exactly the one in {@code formats-expected.tsv}, the named rule is among its
 * findings, and benign fixtures stay below HIGH.
 */
class FormatsCorpusTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final ModelScanner SCANNER = new ModelScanner();
  private static final boolean PICKLE_REGISTERED =
      FormatScanners.all().stream().anyMatch(s -> s.format().equals("pickle"));

  record Expected(String path, Severity severity, String rule) {}

  static List<Expected> expectations() throws IOException {
    try (Stream<String> lines = Files.lines(FIXTURES.resolve("formats-expected.tsv"))) {
      return lines
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t"))
          .map(f -> new Expected(f[0], Severity.parse(f[1]), f[2]))
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureGetsItsVerdict() throws IOException {
    return expectations().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.path(),
                    () -> {
                      // a pickle member is graded by the pickle scanner: only when it is registered
                      assumeTrue(
                          !e.path().contains("pickle") || PICKLE_REGISTERED, "no pickle scanner");
                      FileReport r = SCANNER.scanFile(FIXTURES.resolve(e.path()), e.path());
                      String detail =
                          r.findings().stream()
                              .map(Finding::toString)
                              .collect(Collectors.joining("\n  "));
                      assertThat(r.severity())
                          .as("%s findings:\n  %s", e.path(), detail)
                          .isEqualTo(e.severity());
                      if (!e.rule().equals("-")) {
                        assertThat(r.findings())
                            .as("%s findings:\n  %s", e.path(), detail)
                            .extracting(Finding::rule)
                            .contains(e.rule());
                      }
                    }));
  }

  @Test
  void benignFixturesStayBelowHigh() throws IOException {
    for (Expected e : expectations()) {
      if (Path.of(e.path()).getFileName().toString().startsWith("benign")) {
        assertThat(e.severity()).as(e.path()).isLessThan(Severity.HIGH);
      }
    }
  }

  @Test
  void everyFixtureFileIsInTheManifest() throws IOException {
    List<String> listed = expectations().stream().map(Expected::path).toList();
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      List<String> onDisk =
          files
              .filter(Files::isRegularFile)
              .map(p -> FIXTURES.relativize(p).toString())
              .filter(p -> p.contains("/"))
              .filter(
                  p ->
                      Stream.of(
                              "safetensors/",
                              "gguf/",
                              "json/",
                              "keras/",
                              "onnx/",
                              "tensorflow/",
                              "archive/",
                              "template/",
                              "hydra/")
                          .anyMatch(p::startsWith))
              .toList();
      assertThat(listed).containsAll(onDisk);
    }
  }
}
