package dev.modelgate.scanner;

import dev.modelgate.scanner.numpy.NpyScanner;
import dev.modelgate.scanner.numpy.NpzScanner;
import dev.modelgate.scanner.pickle.JoblibScanner;
import dev.modelgate.scanner.pickle.PickleScanner;
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
    // other formats (scanner-formats)
    return List.copyOf(s);
  }
}
