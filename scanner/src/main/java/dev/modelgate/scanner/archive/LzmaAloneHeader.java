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
    if (props == 0x5d && head[1] == 0 && head[2] == 0) {
      // joblib's prefix for lzma: joblib.load decompresses whatever follows, so such a file is
      // scanned (and reported malformed if it does not decode) rather than left undetected
      return true;
    }
    long dict = le(head, 1, 4);
    long size = le(head, 5, 8);
    // liblzma's .lzma encoder (Python's lzma, xz-utils) rounds the dictionary up to 2^n or
    // 2^n + 2^(n-1): that rules out most binary headers that happen to fit the other fields
    if (!isEncoderDictionarySize(dict)) {
      return false;
    }
    // the uncompressed size is -1 (streamed,
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

  static boolean isEncoderDictionarySize(long dict) {
    if (dict < 4096) {
      return false;
    }
    long low = Long.lowestOneBit(dict);
    return dict == low || dict == low * 3;
  }

  private static long le(byte[] b, int at, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }
}
