package dev.modelgate.scanner;

import java.io.IOException;

/**
 * What a {@link FormatScanner} reports to and asks for while scanning one file or nested member:
 * findings, limit checks, nested scans. One context per nesting level; budgets are per top-level
 * file.
 */
public final class ScanContext {
  private final FileScanState state;
  private final FormatDispatcher dispatcher;
  private final String member;
  private final int depth;
  private final Probe probe;

  ScanContext(
      FileScanState state, FormatDispatcher dispatcher, String member, int depth, Probe probe) {
    this.state = state;
    this.dispatcher = dispatcher;
    this.member = member;
    this.depth = depth;
    this.probe = probe;
  }

  public ScanLimits limits() {
    return state.limits;
  }

  /** Full member path of the content being scanned, or null for the top-level file. */
  public String member() {
    return member;
  }

  /** 0 for the top-level file, +1 per nested member. */
  public int depth() {
    return depth;
  }

  /** The probe used to detect the current content (its head, tail and cached structures). */
  public Probe probe() {
    return probe;
  }

  /** Highest severity reported so far for this file (all levels). */
  public Severity maxSeverity() {
    return state.maxSeverity;
  }

  /** Reports a finding about the current content at {@code offset} (-1 if none). */
  public void report(Severity severity, String rule, String message, long offset) {
    state.add(new Finding(severity, rule, message, new Location(member, offset)));
  }

  /** Reports a finding about {@code subMember} (a path inside the current content). */
  public void reportMember(
      Severity severity, String rule, String message, String subMember, long offset) {
    state.add(new Finding(severity, rule, message, new Location(join(member, subMember), offset)));
  }

  /**
   * Reports a limit hit as a HIGH {@code limit.<kind>} finding and returns the exception to throw.
   */
  public ScanLimitException limitHit(String kind, String message) {
    report(
        Severity.HIGH,
        Rules.LIMIT_PREFIX + kind,
        message + "; the rest was not examined, so the file cannot be called safe",
        -1);
    return new ScanLimitException(kind, message);
  }

  /** Throws {@link ScanLimitException} when the file's time budget is spent. */
  public void checkTime() {
    if (System.nanoTime() - state.deadlineNanos > 0) {
      throw limitHit("time", "scan took longer than " + state.limits.maxTime());
    }
  }

  /** Counts {@code n} bytes read or decompressed against the file's byte budget. */
  public void chargeBytes(long n) {
    state.bytesCharged += n;
    if (state.bytesCharged > state.limits.maxBytes()) {
      throw limitHit("bytes", "more than " + state.limits.maxBytes() + " bytes read or unpacked");
    }
  }

  /** Counts {@code n} pickle opcodes against the file's opcode budget (and checks the time). */
  public void chargeOpcodes(long n) {
    state.opcodes += n;
    if (state.opcodes > state.limits.maxOpcodes()) {
      throw limitHit("opcodes", "more than " + state.limits.maxOpcodes() + " pickle opcodes");
    }
    checkTime();
  }

  /**
   * Scans nested content (an archive member, an embedded pickle) by content detection, reporting
   * under the member path {@code current!/name} (or {@code name} at top level). Errors in the
   * member become findings on it; only budget limits propagate. Returns the detected format id.
   */
  public String scanMember(String name, ByteSource source) {
    return scanNested(name, source, null);
  }

  /** Like {@link #scanMember} but with the format chosen by the caller (e.g. a known pickle). */
  public String scanMemberAs(String name, ByteSource source, FormatScanner scanner) {
    return scanNested(name, source, scanner);
  }

  private String scanNested(String name, ByteSource source, FormatScanner forced) {
    String path = join(member, name);
    if (depth + 1 > state.limits.maxDepth()) {
      state.add(
          new Finding(
              Severity.HIGH,
              Rules.LIMIT_PREFIX + "depth",
              "nested deeper than " + state.limits.maxDepth() + " levels; not examined",
              Location.member(path)));
      return "unknown";
    }
    state.members++;
    if (state.members > state.limits.maxMembers()) {
      throw limitHit("members", "more than " + state.limits.maxMembers() + " members");
    }
    checkTime();
    return dispatcher.scanNested(source, name, path, depth + 1, state, forced);
  }

  /** Detects the format of {@code source} without scanning it; "unknown" if none matches. */
  public String detectFormat(ByteSource source, String name) throws IOException {
    FormatScanner s = dispatcher.detect(new Probe(source, name)).scanner();
    return s == null ? "unknown" : s.format();
  }

  static String join(String parent, String child) {
    if (child == null || child.isEmpty()) {
      return parent;
    }
    return parent == null ? child : parent + "!/" + child;
  }
}
