package dev.modelgate.scanner.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.FileReport;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.ModelScanner;
import dev.modelgate.scanner.Rules;
import dev.modelgate.scanner.ScanLimits;
import dev.modelgate.scanner.archive.CompressedStreamScanner;
import dev.modelgate.scanner.archive.SevenZipScanner;
import dev.modelgate.scanner.archive.TarArchiveScanner;
import dev.modelgate.scanner.archive.ZipArchiveScanner;
import dev.modelgate.scanner.gguf.GgufScanner;
import dev.modelgate.scanner.json.JsonConfigScanner;
import dev.modelgate.scanner.keras.Hdf5Scanner;
import dev.modelgate.scanner.keras.KerasArchiveScanner;
import dev.modelgate.scanner.onnx.OnnxScanner;
import dev.modelgate.scanner.safetensors.SafetensorsScanner;
import dev.modelgate.scanner.template.ChatTemplateInspector;
import dev.modelgate.scanner.tensorflow.TensorflowScanner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Jazzer targets, one per parser. In the normal build they run in regression mode (the empty input
 * and the seeds under {@code FormatsFuzzTestInputs/<method>/}); fuzz one for real with {@code
 * JAZZER_FUZZ=1 ./mvnw -pl scanner test -Dtest='FormatsFuzzTest#gguf'}. Whatever the bytes, a scan
 * ends inside its limits with findings, never with an exception escaping a scanner.
 */
class FormatsFuzzTest {
  private static final ScanLimits LIMITS =
      ScanLimits.DEFAULT.withMaxBytes(64L << 20).withMaxTime(Duration.ofSeconds(10));

  private static void scan(byte[] magic, byte[] data, FormatScanner... scanners) {
    byte[] bytes = data;
    if (!startsWith(data, magic)) {
      bytes = new byte[magic.length + data.length];
      System.arraycopy(magic, 0, bytes, 0, magic.length);
      System.arraycopy(data, 0, bytes, magic.length, data.length);
    }
    FileReport r =
        new ModelScanner(LIMITS, List.of(scanners))
            .scanSource("fuzz", new ByteArraySource("fuzz", bytes));
    assertThat(r.findings()).noneMatch(f -> f.rule().equals(Rules.INTERNAL_ERROR));
  }

  private static boolean startsWith(byte[] data, byte[] magic) {
    if (data.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  @FuzzTest(maxDuration = "30s")
  void safetensors(byte[] data) {
    byte[] len = {(byte) data.length, (byte) (data.length >> 8), 0, 0, 0, 0, 0, 0};
    byte[] file = new byte[8 + data.length];
    System.arraycopy(len, 0, file, 0, 8);
    System.arraycopy(data, 0, file, 8, data.length);
    if (data.length > 0) {
      file[8] = '{';
    }
    scan(new byte[0], file, new SafetensorsScanner());
  }

  @FuzzTest(maxDuration = "30s")
  void gguf(byte[] data) {
    scan(new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0}, data, new GgufScanner());
  }

  @FuzzTest(maxDuration = "30s")
  void chatTemplate(byte[] data) {
    ChatTemplateInspector.inspect(new String(data, StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "30s")
  void onnx(byte[] data) {
    scan(new byte[] {0x08, 0x07}, data, new OnnxScanner());
  }

  @FuzzTest(maxDuration = "30s")
  void tensorflow(byte[] data) {
    scan(new byte[0], data, new TensorflowScanner());
  }

  @FuzzTest(maxDuration = "30s")
  void jsonConfig(byte[] data) {
    scan(new byte[] {'{', '"'}, data, new JsonConfigScanner());
  }

  @FuzzTest(maxDuration = "30s")
  void zip(byte[] data) {
    scan(new byte[] {'P', 'K', 3, 4}, data, new KerasArchiveScanner(), new ZipArchiveScanner());
  }

  @FuzzTest(maxDuration = "30s")
  void tarAndCompressed(byte[] data) {
    scan(
        new byte[0],
        data,
        new TarArchiveScanner(),
        new SevenZipScanner(),
        new CompressedStreamScanner(CompressedStreamScanner.Kind.GZIP),
        new CompressedStreamScanner(CompressedStreamScanner.Kind.BZIP2),
        new CompressedStreamScanner(CompressedStreamScanner.Kind.XZ));
  }

  @FuzzTest(maxDuration = "30s")
  void hdf5(byte[] data) {
    scan(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, data, new Hdf5Scanner());
  }
}
