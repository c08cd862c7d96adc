package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.FormatScanner;

/** Cheap checks other scanners use to decide whether some bytes may be a pickle or archive. */
public final class PickleSniffer {
  private PickleSniffer() {}

  /**
   * True when {@code head} starts like a protocol 2-5 pickle, a protocol 0/1 GLOBAL, a zip, or
   * base64 of a pickle.
   */
  public static boolean looksNested(byte[] head) {
    return PickleMachine.looksEmbedded(head, 0, head.length, false);
  }

  /**
   * True when {@code head} (the first bytes of something {@code size} long) parses as a complete
   * pickle, or as one cut only by the end of {@code head}: what pickle.load would accept.
   */
  public static boolean isPickle(byte[] head, long size) {
    PickleStreams.Sniff s = PickleStreams.sniff(head, size);
    return s.complete() || (s.cutByHead() && s.opcodes() >= 2);
  }

  /** True when {@code head} starts with a zip local header. */
  public static boolean looksZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
  }

  /**
   * A pickle scanner for bytes that merely look like a pickle: it reports only if they really
   * import something, so random tensor bytes that start with 0x80 0x02 stay silent.
   */
  public static FormatScanner speculativeScanner() {
    return PickleScanner.EMBEDDED;
  }
}
