package dev.modelgate.scanner.pickle;

import java.nio.charset.StandardCharsets;

/**
 * Recently decoded short ASCII strings, so the names a pickle repeats (attribute names in every
 * tree of a forest, dict keys, "storage", "cpu") are decoded once instead of allocating a new
 * String and {@link Values.Str} each time. Direct-mapped: a miss costs one hash over the bytes.
 */
final class ShortStrings {
  private static final int MAX_LENGTH = 32;
  private static final int SLOTS = 256;
  private final Values.Str[] slots = new Values.Str[SLOTS];
  private final byte[][] keys = new byte[SLOTS][];

  /** The string of {@code b[off, off+n)}, or null when it is not short ASCII (caller decodes). */
  Values.Str get(byte[] b, int off, int n) {
    if (n > MAX_LENGTH) {
      return null;
    }
    int h = n;
    for (int i = off; i < off + n; i++) {
      int c = b[i];
      if (c < 0) {
        return null; // not ASCII: Latin-1 and UTF-8 decode it differently
      }
      h = 31 * h + c;
    }
    int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && java.util.Arrays.equals(key, 0, key.length, b, off, off + n)) {
      return slots[slot];
    }
    key = java.util.Arrays.copyOfRange(b, off, off + n);
    Values.Str s = new Values.Str(new String(key, StandardCharsets.US_ASCII), false);
    keys[slot] = key;
    slots[slot] = s;
    return s;
  }
}
