package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the pickle machine over every pickle in a byte stream, the way a loader calling {@code
 * pickle.load} repeatedly would (fresh memo and protocol each time), to the end of the input.
 * Container scanners (torch zip members, legacy torch, npy object arrays) use it too.
 */
public final class PickleStreams {
  public static final String RULE_TRAILING = "pickle.trailing-data";
  public static final String RULE_EMBEDDED = "pickle.embedded";

  private final ScanContext ctx;
  private final PickleInput in;
  private final PickleMachine.Reporter reporter;
  private final boolean joblib;
  private int streams;
  private int imports;
  private java.util.function.Consumer<PersistentId> persistentIds;

  /**
   * @param base absolute offset of the stream's first byte (for finding locations)
   * @param length stream length, or -1 if unknown
   */
  public PickleStreams(
      ScanContext ctx, InputStream stream, long base, long length, boolean joblib) {
    this(ctx, stream, base, length, joblib, ctx::report);
  }

  PickleStreams(
      ScanContext ctx,
      InputStream stream,
      long base,
      long length,
      boolean joblib,
      PickleMachine.Reporter reporter) {
    this.ctx = ctx;
    this.in = new PickleInput(stream, base, length);
    this.reporter = reporter;
    this.joblib = joblib;
  }

  /** Hands every persistent id of the streams run from now on to {@code listener}. */
  public PickleStreams onPersistentId(java.util.function.Consumer<PersistentId> listener) {
    this.persistentIds = listener;
    return this;
  }

  /** Streams run so far. */
  public int streams() {
    return streams;
  }

  /** Globals imported so far. */
  public int imports() {
    return imports;
  }

  /** Absolute offset of the next unread byte. */
  public long offset() {
    return in.offset();
  }

  /** True when the input is used up. */
  public boolean atEnd() throws IOException {
    return in.atEof();
  }

  /**
   * Runs the next pickle to its STOP; false if the input is at its end. Throws
   * MalformedFileException where CPython would fail (findings so far are kept).
   */
  public boolean next() throws IOException {
    PickleMachine vm = new PickleMachine(ctx, in, reporter, this::embedded, joblib);
    vm.persistentIds = persistentIds;
    try {
      boolean ran = vm.runStream();
      if (ran) {
        streams++;
      }
      return ran;
    } finally {
      imports += vm.imports;
    }
  }

  /**
   * Runs every pickle to the end of the input. The first must be valid (else
   * MalformedFileException); bytes after the last valid one are a MEDIUM trailing-data finding.
   */
  public void all() throws IOException {
    while (true) {
      long start = in.offset();
      try {
        if (!next()) {
          return;
        }
      } catch (MalformedFileException e) {
        if (streams == 0) {
          throw e;
        }
        reporter.report(
            Severity.MEDIUM,
            RULE_TRAILING,
            "the bytes after pickle #"
                + streams
                + " are not another valid pickle ("
                + e.getMessage()
                + "); pickle.load ignores them but other loaders may not",
            start);
        return;
      }
    }
  }

  /** Constants that hold a nested pickle or zip are scanned as members. */
  private void embedded(String name, byte[] content) {
    if (ctx == null) {
      return;
    }
    ByteArraySource src = new ByteArraySource(name, content);
    if (content[0] == 'P' && content[1] == 'K') {
      ctx.scanMember(name, src);
    } else {
      ctx.scanMemberAs(name, src, PickleScanner.EMBEDDED);
    }
  }

  /** A stream that does not claim the pickle framing: used by the sniffing detector. */
  static Sniff sniff(byte[] head, long size) {
    PickleInput in = new PickleInput(new java.io.ByteArrayInputStream(head), 0, head.length);
    PickleMachine vm = new PickleMachine(null, in, (s, r, m, o) -> {}, null, true);
    try {
      vm.runStream();
      return new Sniff(true, vm.opcodes, vm.imports, false);
    } catch (MalformedFileException e) {
      boolean cutByHead = size > head.length && e.getMessage().contains("truncated");
      return new Sniff(false, vm.opcodes, vm.imports, cutByHead);
    } catch (IOException | RuntimeException e) {
      return new Sniff(false, vm.opcodes, vm.imports, false);
    }
  }

  /** What sniffing the head found. */
  record Sniff(boolean complete, long opcodes, int imports, boolean cutByHead) {}
}
