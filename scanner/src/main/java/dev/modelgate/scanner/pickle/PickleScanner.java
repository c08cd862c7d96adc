package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plain pickle files (also dill and cloudpickle output, which are pickles): every stream to the end
 * of the file through {@link PickleMachine}.
 */
public final class PickleScanner implements FormatScanner {

  /** Scans constants that look like a nested pickle; silent unless they really are one. */
  static final FormatScanner EMBEDDED = new PickleScanner(true);

  private final boolean speculative;
  private final java.util.function.Consumer<PersistentId> persistentIds;

  public PickleScanner() {
    this(false, null);
  }

  private PickleScanner(boolean speculative) {
    this(speculative, null);
  }

  private PickleScanner(
      boolean speculative, java.util.function.Consumer<PersistentId> persistentIds) {
    this.speculative = speculative;
    this.persistentIds = persistentIds;
  }

  /**
   * A scanner for one container's pickle member that also hands every persistent id it meets to
   * {@code listener} (PyTorch checks them against the archive's storage records).
   */
  public static PickleScanner reportingPersistentIds(
      java.util.function.Consumer<PersistentId> listener) {
    return new PickleScanner(false, listener);
  }

  @Override
  public String format() {
    return "pickle";
  }

  @Override
  public Set<String> extensions() {
    // joblib writes a plain pickle when the object holds no numpy arrays
    return Set.of("pkl", "pickle", "dill", "p", "pck", "cloudpickle", "joblib", "jbl");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    return score(probe);
  }

  /** Detection score for pickle content, shared with the pickle-based formats. */
  static int score(Probe probe) {
    byte[] head = probe.head();
    if (head.length < 2) {
      return Detection.NO;
    }
    boolean proto = (head[0] & 0xff) == 0x80 && head[1] >= 0 && head[1] <= 5;
    PickleStreams.Sniff s =
        probe.cached("pickle.sniff", p -> PickleStreams.sniff(p.head(), p.size()));
    if (s.complete() || (s.cutByHead() && s.opcodes() >= 2)) {
      return Detection.LIKELY + 10;
    }
    if (proto) {
      return Detection.WEAK + 10; // claims to be a pickle but breaks: scanned as one, fails closed
    }
    return s.imports() > 0 && s.opcodes() >= 3 ? Detection.WEAK + 20 : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    if (speculative) {
      scanSpeculatively(source, ctx);
      return;
    }
    try (InputStream in = source.openStream(0, source.size())) {
      new PickleStreams(ctx, in, 0, source.size(), true).onPersistentId(persistentIds).all();
    }
  }

  /**
   * A constant that merely starts like a pickle is reported only if it really imports something;
   * random array bytes that happen to start with 0x80 0x02 stay silent.
   */
  private static void scanSpeculatively(ByteSource source, ScanContext ctx) throws IOException {
    record Pending(Severity s, String rule, String message, long offset) {}
    List<Pending> pending = new ArrayList<>();
    PickleStreams streams;
    try (InputStream in = source.openStream(0, source.size())) {
      streams =
          new PickleStreams(
              ctx,
              in,
              0,
              source.size(),
              true,
              (s, r, m, o) -> pending.add(new Pending(s, r, m, o)));
      String failure = null;
      try {
        streams.all();
      } catch (MalformedFileException e) {
        failure = e.getMessage();
      }
      if (streams.imports() == 0) {
        return;
      }
      ctx.report(
          Severity.INFO,
          PickleStreams.RULE_EMBEDDED,
          "a constant holds a nested pickle, scanned as pickle.loads would read it",
          -1);
      pending.forEach(p -> ctx.report(p.s(), p.rule(), p.message(), p.offset()));
      if (failure != null) {
        ctx.report(
            Severity.MEDIUM,
            "pickle.embedded.malformed",
            "the nested pickle is broken after its imports: " + failure,
            -1);
      }
    }
  }
}
