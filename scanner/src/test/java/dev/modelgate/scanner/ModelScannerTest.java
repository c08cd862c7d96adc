package dev.modelgate.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelScannerTest {

  /**
   * A tiny real format for exercising the dispatcher: "BOX1" then lines. "bad" reports HIGH,
   * "nest:&lt;text&gt;" scans text ('|' = newline, '/' = '|') as a nested member, "loop" burns
   * opcodes, "broken" is malformed.
   */
  static final class BoxFormat implements FormatScanner {
    @Override
    public String format() {
      return "box";
    }

    @Override
    public Set<String> extensions() {
      return Set.of("box");
    }

    @Override
    public boolean mayRunCode() {
      return true;
    }

    @Override
    public int detect(Probe probe) {
      return probe.startsWith("BOX1".getBytes(StandardCharsets.US_ASCII))
          ? Detection.CERTAIN
          : Detection.NO;
    }

    @Override
    public void scan(ByteSource source, ScanContext ctx) throws IOException {
      String text =
          new String(source.readFully(0, (int) source.size()), StandardCharsets.UTF_8).substring(4);
      long offset = 4;
      for (String line : text.split("\n", -1)) {
        if (line.equals("bad")) {
          ctx.report(Severity.HIGH, "box.bad", "a bad line", offset);
        } else if (line.startsWith("nest:")) {
          byte[] inner =
              line.substring(5)
                  .replace('|', '\n')
                  .replace('/', '|')
                  .getBytes(StandardCharsets.UTF_8);
          ctx.scanMember("inner" + offset, new ByteArraySource("inner", inner));
        } else if (line.equals("loop")) {
          while (true) {
            ctx.chargeOpcodes(1000);
          }
        } else if (line.equals("broken")) {
          throw new MalformedFileException("broken line", offset);
        }
        offset += line.length() + 1;
      }
    }
  }

  /** A code-free format claiming the .safe extension. */
  static final class SafeFormat implements FormatScanner {
    @Override
    public String format() {
      return "safe";
    }

    @Override
    public Set<String> extensions() {
      return Set.of("safe");
    }

    @Override
    public boolean mayRunCode() {
      return false;
    }

    @Override
    public int detect(Probe probe) {
      return probe.startsWith("SAFE".getBytes(StandardCharsets.US_ASCII)) ? Detection.CERTAIN : 0;
    }

    @Override
    public void scan(ByteSource source, ScanContext ctx) {}
  }

  private final ModelScanner scanner =
      new ModelScanner(ScanLimits.DEFAULT, List.of(new BoxFormat(), new SafeFormat()));

  private static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void cleanFileOfKnownFormatIsNone(@TempDir Path dir) throws IOException {
    FileReport r = scanner.scanFile(write(dir, "a.box", "BOX1\nfine\n"));
    assertThat(r.format()).isEqualTo("box");
    assertThat(r.severity()).isEqualTo(Severity.NONE);
    assertThat(r.findings()).isEmpty();
    assertThat(r.error()).isNull();
    assertThat(r.bytesRead()).isEqualTo(r.size());
  }

  @Test
  void findingsCarryRuleSeverityAndOffset(@TempDir Path dir) throws IOException {
    FileReport r = scanner.scanFile(write(dir, "a.box", "BOX1\nok\nbad\n"));
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
    assertThat(r.findings())
        .containsExactly(new Finding(Severity.HIGH, "box.bad", "a bad line", Location.at(8)));
  }

  @Test
  void unknownTextIsInfoAndUnknownBinaryIsLow(@TempDir Path dir) throws IOException {
    FileReport text = scanner.scanFile(write(dir, "README.md", "# hello\nworld ✓\n"));
    assertThat(text.format()).isEqualTo("unknown");
    assertThat(text.severity()).isEqualTo(Severity.INFO);
    Path bin = dir.resolve("blob");
    Files.write(bin, new byte[] {0, 1, 2, (byte) 0xff});
    FileReport b = scanner.scanFile(bin);
    assertThat(b.severity()).isEqualTo(Severity.LOW);
    assertThat(b.hasRule(Rules.FORMAT_UNKNOWN)).isTrue();
  }

  @Test
  void extensionOfCodeFreeFormatHidingCodeIsHigh(@TempDir Path dir) throws IOException {
    FileReport r = scanner.scanFile(write(dir, "model.safe", "BOX1\nfine\n"));
    assertThat(r.format()).isEqualTo("box");
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(Rules.EXTENSION_MISMATCH);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.message()).contains(".safe").contains("box");
            });
    FileReport low = scanner.scanFile(write(dir, "x.box", "SAFE"));
    assertThat(low.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void malformedContentKeepsEarlierFindingsAndIsHigh(@TempDir Path dir) throws IOException {
    FileReport r = scanner.scanFile(write(dir, "a.box", "BOX1\nbroken\n"));
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
    assertThat(r.findings()).extracting(Finding::rule).containsExactly(Rules.MALFORMED);
    assertThat(r.findings().get(0).location().offset()).isEqualTo(5);
  }

  @Test
  void limitHitIsHighFindingNotCrash(@TempDir Path dir) throws IOException {
    ModelScanner small =
        new ModelScanner(ScanLimits.DEFAULT.withMaxOpcodes(10_000), List.of(new BoxFormat()));
    FileReport r = small.scanFile(write(dir, "a.box", "BOX1\nbad\nloop\n"));
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
    assertThat(r.findings()).extracting(Finding::rule).containsExactly("box.bad", "limit.opcodes");
    assertThat(r.error()).isNull();
  }

  @Test
  void nestedMembersAreScannedByContentWithTheirPath(@TempDir Path dir) throws IOException {
    // the inner text is "BOX1\nnest:BOX1\nbad": its own nested member is clean, its "bad" is not
    FileReport r = scanner.scanFile(write(dir, "a.box", "BOX1\nnest:BOX1|nest:BOX1|bad\n"));
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location().member()).isEqualTo("inner5");
              assertThat(f.location().offset()).isEqualTo(15);
            });
    FileReport deeper = scanner.scanFile(write(dir, "b.box", "BOX1\nnest:BOX1|nest:BOX1/bad\n"));
    assertThat(deeper.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.location().member()).isEqualTo("inner5!/inner5"));
  }

  @Test
  void nestingDepthIsBounded(@TempDir Path dir) throws IOException {
    ModelScanner shallow =
        new ModelScanner(ScanLimits.DEFAULT.withMaxDepth(1), List.of(new BoxFormat()));
    FileReport r = shallow.scanFile(write(dir, "a.box", "BOX1\nnest:BOX1|nest:BOX1\n"));
    assertThat(r.findings()).extracting(Finding::rule).containsExactly("limit.depth");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void directoriesRecurseWithPathsAsGivenAndMissingFilesAreErrors(@TempDir Path dir)
      throws IOException {
    write(dir, "m/b.box", "BOX1\n");
    write(dir, "m/sub/a.box", "BOX1\nbad\n");
    ScanReport rep = scanner.scan(dir.resolve("m"), dir.resolve("missing.box"));
    assertThat(rep.files())
        .extracting(FileReport::path)
        .containsExactly(
            dir.resolve("m/b.box").toString(),
            dir.resolve("m/sub/a.box").toString(),
            dir.resolve("missing.box").toString());
    FileReport missing = rep.files().get(2);
    assertThat(missing.error()).isEqualTo("no such file");
    assertThat(missing.severity()).isEqualTo(Severity.HIGH);
    assertThat(rep.summary().maxSeverity()).isEqualTo(Severity.HIGH);
    assertThat(rep.summary().findings()).containsEntry(Severity.HIGH, 2);
    assertThat(rep.summary().errors()).isEqualTo(1);
  }

  @Test
  void jsonRoundTripsAndHasTheContractShape(@TempDir Path dir) throws IOException {
    write(dir, "m/a.box", "BOX1\nbad\n");
    ScanReport rep = scanner.scan(dir.resolve("m"));
    String json = ReportJson.toJson(rep);
    assertThat(json)
        .contains("\"files\"", "\"summary\"", "\"rule\" : \"box.bad\"", "\"offset\" : 5")
        .doesNotContain("\"error\"");
    ScanReport back = ReportJson.fromJson(json);
    assertThat(back.files()).isEqualTo(rep.files());
    assertThat(back.summary()).isEqualTo(rep.summary());
  }

  @Test
  void textDetectionAcceptsUtf8AndRejectsControlBytes() {
    assertThat(FormatDispatcher.looksLikeText("héllo\n".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(FormatDispatcher.looksLikeText(new byte[] {'a', 0, 'b'})).isFalse();
    assertThat(FormatDispatcher.looksLikeText(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse();
  }
}
