package dev.modelgate.scanner;

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
import dev.modelgate.scanner.tensorflow.TensorflowScanner;
import java.util.List;

/**
 * THE registry: every format scanner, in one list. To add a format, write one class implementing
 * {@link FormatScanner} and add one line here. Order only breaks detection ties (earlier wins), so
 * keep specific formats before generic ones of the same score.
 */
public final class FormatScanners {

  private FormatScanners() {}

  /** Every scanner ModelGate ships, fresh instances. */
  public static List<FormatScanner> all() {
    return List.of(
        // pickle family (scanner-core)
        // other formats (scanner-formats)
        new SafetensorsScanner(),
        new GgufScanner(),
        new OnnxScanner(),
        new TensorflowScanner(),
        new KerasArchiveScanner(),
        new Hdf5Scanner(),
        new ZipArchiveScanner(),
        new TarArchiveScanner(),
        new SevenZipScanner(),
        new CompressedStreamScanner(CompressedStreamScanner.Kind.GZIP),
        new CompressedStreamScanner(CompressedStreamScanner.Kind.BZIP2),
        new CompressedStreamScanner(CompressedStreamScanner.Kind.XZ),
        new JsonConfigScanner());
  }
}
