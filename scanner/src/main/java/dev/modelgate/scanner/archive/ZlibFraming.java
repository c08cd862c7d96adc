package dev.modelgate.scanner.archive;

import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Where a zlib stream starts and whether it really is one. joblib writes zlib in two framings:
 * {@code joblib.dump(compress=3)} / {@code compress=('zlib', n)} writes a bare zlib stream (RFC
 * 1950), and joblib ≤ 0.9 wrote a "Z-file": {@code ZF}, the uncompressed length as Python hex
 * padded with spaces to 19 characters (joblib 0.8 on Python 2 wrote one more space), then the
 * stream. {@code joblib.load} still reads both.
 */
final class ZlibFraming {
  static final byte[] ZFILE_PREFIX = "ZF".getBytes(StandardCharsets.US_ASCII);

  /** {@code "ZF"} plus joblib's {@code _MAX_LEN} (= len(hex(2**64))). */
  static final int ZFILE_HEADER = 2 + 19;

  /** Compressed bytes a detector inflates to confirm the stream; enough to reject noise. */
  private static final int TRIAL_INPUT = 4096;

  private ZlibFraming() {}

  /** Offset of the zlib stream in {@code head}: 0 (bare), 21 or 22 (Z-file), or -1 if neither. */
  static int streamOffset(byte[] head) {
    if (isZlibHeader(head, 0)) {
      return 0;
    }
    // joblib reads the 19-character length field with int(field, 16) and then the stream at a
    // fixed offset: find the stream there whatever the field says (a field Python cannot parse
    // only stops the load; trusting our own parse of it would let a payload hide behind it)
    if (head.length < ZFILE_HEADER + 2 || head[0] != 'Z' || head[1] != 'F') {
      return -1;
    }
    if (isZlibHeader(head, ZFILE_HEADER)) {
      return ZFILE_HEADER;
    }
    return head.length > ZFILE_HEADER
            && head[ZFILE_HEADER] == ' '
            && isZlibHeader(head, ZFILE_HEADER + 1)
        ? ZFILE_HEADER + 1
        : -1;
  }

  /** The uncompressed length a Z-file header declares, or -1 when {@code head} has none. */
  static long zfileLength(byte[] head) {
    if (head.length < ZFILE_HEADER + 2 || head[0] != 'Z' || head[1] != 'F') {
      return -1;
    }
    String field =
        new String(head, 2, ZFILE_HEADER - 2, StandardCharsets.US_ASCII).strip().replace("_", "");
    // Python's int(field, 16) takes an optional 0x; Python 2 wrote longs as 0x1f4L
    if (field.startsWith("0x") || field.startsWith("0X")) {
      field = field.substring(2);
    }
    String digits = field.endsWith("L") ? field.substring(0, field.length() - 1) : field;
    if (digits.isEmpty() || digits.length() > 15) {
      return -1;
    }
    try {
      return Long.parseLong(digits, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A two-byte zlib header (RFC 1950 §2.2): method 8 (deflate), window ≤ 32 KiB, check bits right,
   * no preset dictionary (neither joblib nor Python's zlib ever writes one, and nobody could load
   * it without the dictionary).
   */
  static boolean isZlibHeader(byte[] b, int at) {
    if (b.length < at + 2) {
      return false;
    }
    int cmf = b[at] & 0xff;
    int flg = b[at + 1] & 0xff;
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0 && (flg & 0x20) == 0;
  }

  /**
   * True when the stream at {@code offset} of {@code head} inflates without error for its first
   * {@value #TRIAL_INPUT} compressed bytes and yields output: two header bytes alone match one
   * random file in ~4000, a valid deflate prefix practically never does.
   */
  static boolean inflatesCleanly(byte[] head, int offset) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(head, offset, Math.min(TRIAL_INPUT, head.length - offset));
      byte[] out = new byte[8192];
      long produced = 0;
      // bounded: a highly compressible prefix is certainly deflate, no need to inflate it all
      for (int round = 0; round < 128 && !inflater.finished() && !inflater.needsInput(); round++) {
        int n = inflater.inflate(out);
        if (n == 0 && inflater.needsDictionary()) {
          return false;
        }
        produced += n;
      }
      return produced > 0 && !inflater.needsDictionary();
    } catch (DataFormatException e) {
      return false;
    } finally {
      inflater.end();
    }
  }
}
