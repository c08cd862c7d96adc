package dev.modelgate.scanner.keras;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import java.io.IOException;

/**
 * Checks, before jHDF sees a file, the sizes jHDF would allocate without checking: the superblock
 * and the root group's object header (version 1 with its continuation blocks, or version 2 chunk 0)
 * must lie inside the file. A forged size there would otherwise become a buffer of up to 2 GB.
 */
final class Hdf5Guard {
  private static final int MAX_CONTINUATIONS = 256;
  private static final int MAX_MESSAGES = 100_000;

  private Hdf5Guard() {}

  static void check(ByteSource src) throws IOException {
    long size = src.size();
    byte[] sb = src.readUpTo(0, 96);
    if (sb.length < 48) {
      throw new MalformedFileException("HDF5 superblock is truncated", 0);
    }
    int version = sb[8] & 0xff;
    long rootHeader;
    int offsets = version <= 1 ? sb[13] & 0xff : sb[9] & 0xff;
    if (offsets != 2 && offsets != 4 && offsets != 8) {
      throw new MalformedFileException("HDF5 superblock has an invalid offset size " + offsets, 8);
    }
    if (version == 0 || version == 1) {
      int at = (version == 0 ? 24 : 28) + 4 * offsets + offsets;
      rootHeader = le(sb, at, offsets);
    } else if (version == 2 || version == 3) {
      rootHeader = le(sb, 12 + 3 * offsets, offsets);
    } else {
      throw new MalformedFileException("unsupported HDF5 superblock version " + version, 8);
    }
    if (rootHeader < 0 || rootHeader >= size) {
      throw new MalformedFileException("HDF5 root object header lies outside the file", 8);
    }
    objectHeader(src, rootHeader, size);
  }

  private static void objectHeader(ByteSource src, long at, long size) throws IOException {
    byte[] h = src.readUpTo(at, 48);
    if (h.length >= 8 && h[0] == 'O' && h[1] == 'H' && h[2] == 'D' && h[3] == 'R') {
      int flags = h[5] & 0xff;
      int p = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
      int width = 1 << (flags & 3);
      if (p + width > h.length) {
        throw new MalformedFileException("HDF5 object header is truncated", at);
      }
      long chunk = le(h, p, width);
      inside(at + p + width, chunk, size, at);
      return;
    }
    if (h.length < 16 || h[0] != 1) {
      throw new MalformedFileException(
          "HDF5 object header has unknown version " + (h.length > 0 ? h[0] : -1), at);
    }
    long headerSize = le(h, 8, 4);
    inside(at + 16, headerSize, size, at);
    continuations(src, at + 16, headerSize, size, 0, new int[1]);
  }

  /** Walks version 1 header messages, checking continuation blocks (message type 0x10). */
  private static void continuations(
      ByteSource src, long start, long length, long size, int depth, int[] messages)
      throws IOException {
    if (depth > MAX_CONTINUATIONS) {
      throw new MalformedFileException(
          "HDF5 object header has too many continuation blocks", start);
    }
    long p = start;
    long end = start + length;
    while (p + 8 <= end) {
      if (++messages[0] > MAX_MESSAGES) {
        throw new MalformedFileException("HDF5 root object header has too many messages", p);
      }
      byte[] m = src.readUpTo(p, 24);
      if (m.length < 8) {
        return;
      }
      int type = (int) le(m, 0, 2);
      long msgSize = le(m, 2, 2);
      if (type == 0x10 && m.length >= 24) {
        long offset = le(m, 8, 8);
        long len = le(m, 16, 8);
        inside(offset, len, size, p);
        continuations(src, offset, len, size, depth + 1, messages);
      }
      p += 8 + msgSize;
    }
  }

  private static void inside(long start, long length, long size, long reportAt)
      throws MalformedFileException {
    if (start < 0 || length < 0 || start > size || length > size - start) {
      throw new MalformedFileException(
          "HDF5 object header declares "
              + Long.toUnsignedString(length)
              + " bytes at "
              + start
              + ", beyond the end of the "
              + size
              + "-byte file",
          reportAt);
    }
  }

  private static long le(byte[] b, int at, int width) {
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = v << 8 | (b[at + i] & 0xff);
    }
    return v;
  }
}
