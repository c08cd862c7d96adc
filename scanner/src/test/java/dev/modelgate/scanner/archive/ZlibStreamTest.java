package dev.modelgate.scanner.archive;

import static dev.modelgate.scanner.formats.Scans.rules;
import static dev.modelgate.scanner.formats.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** zlib framing edge cases that the joblib fixtures (gen_pickle_family.py) do not reach. */
class ZlibStreamTest {

  private static byte[] zlib(byte[] data) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(b, new Deflater(9))) {
      z.write(data);
    }
    return b.toByteArray();
  }

  /** A pickle that calls posix.system('id'), protocol 2. */
  private static final byte[] EVIL =
      "\u0080\u0002cposix\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R."
          .getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void aZlibBombIsStoppedByTheRatioCap() throws Exception {
    byte[] bomb = zlib(new byte[40 << 20]);
    FileReport r = scan("model.joblib", bomb);
    assertThat(r.format()).isEqualTo("zlib");
    assertThat(rules(r)).contains("archive.bomb");
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void theDecompressedSizeCapAppliesToo() throws Exception {
    byte[] big = zlib(new byte[8 << 20]);
    FileReport r =
        scan(dev.modelgate.scanner.ScanLimits.DEFAULT.withMaxBytes(1 << 20), "m.joblib", big);
    assertThat(rules(r)).anyMatch(rule -> rule.startsWith("limit."));
    assertThat(r.severity()).isGreaterThanOrEqualTo(Severity.HIGH);
  }

  @Test
  void aZfileHeaderIsFoundAndItsLengthChecked() throws Exception {
    byte[] body = zlib(EVIL);
    String header = String.format("ZF%-19s", "0x" + Integer.toHexString(EVIL.length + 5));
    byte[] file = concat(header.getBytes(StandardCharsets.US_ASCII), body);
    FileReport r = scan("old.pkl", file);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rules(r)).contains("pickle.import.dangerous", "joblib.zfile-length");
  }

  @Test
  void joblib084sExtraSpaceIsSkipped() throws Exception {
    String header = String.format("ZF%-19s ", "0x" + Integer.toHexString(EVIL.length));
    FileReport r = scan("old.pkl", concat(header.getBytes(StandardCharsets.US_ASCII), zlib(EVIL)));
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rules(r)).doesNotContain("joblib.zfile-length");
  }

  @Test
  void aZfileLengthFieldWithoutHexPrefixStillFindsTheStream() throws Exception {
    // Python's int(field, 16) takes "1f4" as well as "0x1f4"; the stream is at offset 21 anyway
    String header = String.format("ZF%-19s", Integer.toHexString(EVIL.length));
    FileReport r = scan("old.pkl", concat(header.getBytes(StandardCharsets.US_ASCII), zlib(EVIL)));
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rules(r)).doesNotContain("joblib.zfile-length");
  }

  @Test
  void lzmaWithJoblibsPrefixIsScannedWhateverItsDictionarySize() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (org.tukaani.xz.LZMAOutputStream z =
        new org.tukaani.xz.LZMAOutputStream(b, new org.tukaani.xz.LZMA2Options(), -1)) {
      z.write(EVIL);
    }
    byte[] lzma = b.toByteArray();
    // dictionary 0x00850000: no encoder writes it, liblzma's .lzma decoder (and so joblib) reads it
    lzma[1] = 0;
    lzma[2] = 0;
    lzma[3] = (byte) 0x85;
    lzma[4] = 0;
    FileReport r = scan("m.joblib", lzma);
    assertThat(r.format()).isEqualTo("lzma");
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void corruptDeflateDataAfterTheHeaderIsNotTakenForZlib() {
    // "x^" is a valid zlib header; the bytes after it are no deflate stream
    FileReport r =
        scan("notes.txt", "x^2 + y^2 = r^2 is a circle\n".getBytes(StandardCharsets.UTF_8));
    assertThat(r.format()).isNotEqualTo("zlib");
    assertThat(r.severity()).isLessThan(Severity.MEDIUM);
  }

  @Test
  void aCorruptedTailIsMalformedButThePrefixIsScanned() throws Exception {
    byte[] padding = new byte[100_000];
    new java.util.Random(1).nextBytes(padding);
    // payload first, incompressible bytes after it (as a BINBYTES the pickle never reaches)
    byte[] stream = zlib(concat(EVIL, padding));
    for (int i = stream.length / 2; i < stream.length; i++) {
      stream[i] ^= 0x5a;
    }
    FileReport r = scan("m.joblib", stream);
    assertThat(rules(r)).contains("pickle.import.dangerous", "format.malformed");
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
