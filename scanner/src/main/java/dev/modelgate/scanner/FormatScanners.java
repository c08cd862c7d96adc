package dev.modelgate.scanner;

import dev.modelgate.scanner.archive.CompressedStreamScanner;
import dev.modelgate.scanner.archive.SevenZipScanner;
import dev.modelgate.scanner.archive.TarArchiveScanner;
import dev.modelgate.scanner.archive.ZipArchiveScanner;
import dev.modelgate.scanner.gguf.GgufScanner;
import dev.modelgate.scanner.hydra.HydraConfigScanner;
import dev.modelgate.scanner.json.JsonConfigScanner;
import dev.modelgate.scanner.keras.Hdf5Scanner;
import dev.modelgate.scanner.keras.KerasArchiveScanner;
import dev.modelgate.scanner.keras.KerasMetadataScanner;
import dev.modelgate.scanner.numpy.NpyScanner;
import dev.modelgate.scanner.numpy.NpzScanner;
import dev.modelgate.scanner.onnx.OnnxScanner;
import dev.modelgate.scanner.pickle.JoblibScanner;
import dev.modelgate.scanner.pickle.PickleScanner;
import dev.modelgate.scanner.safetensors.SafetensorsScanner;
import dev.modelgate.scanner.template.ChatTemplateScanner;
import dev.modelgate.scanner.tensorflow.TensorflowScanner;
import dev.modelgate.scanner.torch.TorchLegacyScanner;
import dev.modelgate.scanner.torch.TorchTarScanner;
import dev.modelgate.scanner.torch.TorchZipScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * THE registry: every format scanner, in one list. To add a format, write one class implementing
 * {@link FormatScanner} and add one {@code s.add(...)} line here (one line per format keeps merges
 * trivial). Order only breaks detection ties (earlier wins), so keep specific formats before
 * generic ones of the same score.
 */
public final class FormatScanners {

  private FormatScanners() {}

  /** Every scanner ModelGate ships, fresh instances. */
  public static List<FormatScanner> all() {
    List<FormatScanner> s = new ArrayList<>();
    // pickle family (scanner-core)
    s.add(new TorchZipScanner());
    s.add(new TorchLegacyScanner());
    s.add(new TorchTarScanner());
    s.add(new NpzScanner());
    s.add(new NpyScanner());
    s.add(new JoblibScanner());
    s.add(new PickleScanner());
    // other formats (scanner-formats); zip layouts (Keras) score above the plain zip
    s.add(new SafetensorsScanner());
    s.add(new GgufScanner());
    s.add(new OnnxScanner());
    s.add(new TensorflowScanner());
    s.add(new KerasMetadataScanner());
    s.add(new KerasArchiveScanner());
    s.add(new Hdf5Scanner());
    s.add(new ZipArchiveScanner());
    s.add(new TarArchiveScanner());
    s.add(new SevenZipScanner());
    s.add(new CompressedStreamScanner(CompressedStreamScanner.Kind.GZIP));
    s.add(new CompressedStreamScanner(CompressedStreamScanner.Kind.BZIP2));
    s.add(new CompressedStreamScanner(CompressedStreamScanner.Kind.XZ));
    s.add(new CompressedStreamScanner(CompressedStreamScanner.Kind.ZLIB));
    s.add(new CompressedStreamScanner(CompressedStreamScanner.Kind.LZMA));
    s.add(new CompressedStreamScanner(CompressedStreamScanner.Kind.LZ4));
    s.add(new JsonConfigScanner());
    s.add(new ChatTemplateScanner());
    s.add(new HydraConfigScanner());
    return List.copyOf(s);
  }
}
