package dev.modelgate.scanner.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.LZMAInputStream;

/**
 * Recognises the legacy LZMA-alone container ({@code .lzma}, what joblib's {@code compress='lzma'}
 * writes): a 13-byte header (properties byte, dictionary size, uncompressed size or -1) has no
 * magic, so a candidate is confirmed by decoding the start of its stream.
 */
final class LzmaAloneHeader {
  static final int HEADER = 13;

  /** The trial decodes with at most this dictionary: early output only looks back this far. */
  private static final int TRIAL_DICT = 1 << 20;

  private LzmaAloneHeader() {}

  static boolean matches(byte[] head) {
    if (head.length < HEADER + 5) {
      return false;
    }
    int props = head[0] & 0xff;
    if (props >= 9 * 5 * 5) {
      return false;
    }
    long dict = le(head, 1, 4);
    long size = le(head, 5, 8);
    // liblzma's alone decoder takes any dictionary size; the uncompressed size is -1 (streamed,
    // as Python's lzma module writes) or a real size, which no model file exceeds 2^40
    if (size != -1 && (size < 0 || size > 1L << 40)) {
      return false;
    }
    int trialDict = (int) Math.min(dict, TRIAL_DICT);
    byte[] out = new byte[4096];
    try (InputStream in =
        new LZMAInputStream(
            new ByteArrayInputStream(head, HEADER, head.length - HEADER),
            size,
            (byte) props,
            trialDict)) {
      int got = in.read(out);
      return got > 0 || (got < 0 && size == 0);
    } catch (IOException | RuntimeException e) { // EOF too: real streams yield output at once
      return false;
    }
  }

  private static long le(byte[] b, int at, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }
}
