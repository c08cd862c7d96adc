package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The member names of a zip's central directory, read cheaply for detection (EOCD from the probe's
 * tail, then at most {@link #MAX_DIRECTORY} bytes of directory). Null when the bytes are not a
 * readable zip; detectors then simply do not match.
 */
public final class ZipDirectory {
  static final int MAX_DIRECTORY = 4 * 1024 * 1024;
  static final int MAX_NAMES = 100_000;
  private static final String CACHE_KEY = "formats.zip-directory-names";

  private ZipDirectory() {}

  /** Member names (cached on the probe), or null. */
  public static List<String> names(Probe probe) {
    return probe.cached(CACHE_KEY, ZipDirectory::read);
  }

  private static List<String> read(Probe probe) {
    try {
      byte[] tail = probe.tail();
      int eocd = -1;
      for (int i = tail.length - 22; i >= 0; i--) {
        if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        return null;
      }
      long cdSize = u32(tail, eocd + 12);
      long cdOffset = u32(tail, eocd + 16);
      if (cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
        return null; // zip64: left to the full reader
      }
      long eocdPos = probe.size() - tail.length + eocd;
      // tolerate prepended data: the directory ends where the EOCD starts
      long start = eocdPos - cdSize;
      if (start < 0 || cdSize > MAX_DIRECTORY) {
        return null;
      }
      byte[] cd = probe.source().readFully(start, (int) cdSize);
      List<String> names = new ArrayList<>();
      int p = 0;
      while (p + 46 <= cd.length && names.size() < MAX_NAMES) {
        if (cd[p] != 'P' || cd[p + 1] != 'K' || cd[p + 2] != 1 || cd[p + 3] != 2) {
          return null;
        }
        int nameLen = u16(cd, p + 28);
        int extraLen = u16(cd, p + 30);
        int commentLen = u16(cd, p + 32);
        if (p + 46 + nameLen > cd.length) {
          return null;
        }
        names.add(new String(cd, p + 46, nameLen, StandardCharsets.UTF_8));
        p += 46 + nameLen + extraLen + commentLen;
      }
      return names;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int i) {
    return u16(b, i) | (long) u16(b, i + 2) << 16;
  }
}
