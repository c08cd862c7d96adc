package dev.modelgate.scanner.archive;

import static dev.modelgate.scanner.formats.Scans.rules;
import static dev.modelgate.scanner.formats.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.ScanLimits;
import dev.modelgate.scanner.Severity;
import java.io.ByteArrayOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveChecksTest {

  private static byte[] zip(String... namesAndContents) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        z.putNextEntry(new ZipEntry(namesAndContents[i]));
        z.write(namesAndContents[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void namesAreCheckedLikeAnExtractorResolvesThem() throws Exception {
    FileReport r =
        scan(
            "a.zip",
            zip("ok/readme.txt", "hi", "a/../../x", "x", "C:/boot.ini", "y", "..\\evil", "z"));
    assertThat(rules(r)).contains("archive.path-traversal", "archive.absolute-path");
    assertThat(r.findings().stream().filter(f -> f.rule().equals("archive.path-traversal")).count())
        .isEqualTo(2);
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void membersAreScannedByContentWhateverTheirName() throws Exception {
    String hostile = "{\"chat_template\": \"{{ cycler.__init__.__globals__.os }}\"}";
    FileReport r = scan("a.zip", zip("notes.txt", hostile));
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.findings()).anyMatch(f -> "notes.txt".equals(f.location().member()));
  }

  @Test
  void nestingIsBoundedByTheDepthLimit() throws Exception {
    byte[] inner = zip("m.json", "{\"a\": 1}");
    for (int i = 0; i < 4; i++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(b)) {
        z.putNextEntry(new ZipEntry("l" + i + ".zip"));
        z.write(inner);
        z.closeEntry();
      }
      inner = b.toByteArray();
    }
    assertThat(rules(scan(ScanLimits.DEFAULT.withMaxDepth(2), "a.zip", inner)))
        .contains("limit.depth");
    assertThat(scan("a.zip", inner).severity()).isEqualTo(Severity.NONE);
  }

  @Test
  void compressedWrapperNamesTheInnerFile() {
    CompressedStreamScanner gz = new CompressedStreamScanner(CompressedStreamScanner.Kind.GZIP);
    assertThat(gz.innerName("dir/model.pkl.gz")).isEqualTo("model.pkl");
    assertThat(gz.innerName("model.tgz")).isEqualTo("model.tar");
    assertThat(gz.innerName("blob")).isEqualTo("blob.unpacked");
  }

  @Test
  void garbageAfterAZipMagicIsMalformedNotACrash() {
    byte[] junk = new byte[200];
    junk[0] = 'P';
    junk[1] = 'K';
    junk[2] = 3;
    junk[3] = 4;
    FileReport r = scan("a.zip", junk);
    assertThat(rules(r)).contains("format.malformed");
  }
}
