package dev.modelgate.scanner.zip;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A zip central directory read the way PyTorch's reader (miniz) reads it: from the end-of-central-
 * directory record (zip64 aware), without checking CRCs or flags. Only the directory is read, never
 * member data. Parsed once per probe via {@link #of(Probe)}.
 */
public final class ZipDirectory {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CENTRAL_SIG = 0x02014b50;

  /** Directory size read at most (bytes); larger directories are reported as a limit. */
  public static final long MAX_DIRECTORY_BYTES = 64L << 20;

  private final List<ZipEntryInfo> entries;
  private final long prependedBytes;
  private final long eocdOffset;
  private final long centralOffset;
  private final long trailingBytes;

  private ZipDirectory(
      List<ZipEntryInfo> entries,
      long prependedBytes,
      long eocdOffset,
      long centralOffset,
      long trailingBytes) {
    this.entries = entries;
    this.prependedBytes = prependedBytes;
    this.eocdOffset = eocdOffset;
    this.centralOffset = centralOffset;
    this.trailingBytes = trailingBytes;
  }

  /** The directory of the probed content, or null when it is not a readable zip. */
  public static ZipDirectory of(Probe probe) {
    return probe.cached(
        "zip.directory",
        p -> {
          try {
            return read(p.source(), p.tail(), p.size(), 1_000_000);
          } catch (IOException | RuntimeException e) {
            return null;
          }
        });
  }

  /**
   * The directory of content that starts with a zip local file header, or null when it does not or
   * the directory is unreadable: where detectors of zip-based model formats start.
   */
  public static ZipDirectory ofZipAtStart(Probe probe) {
    if (!probe.startsWith(new byte[] {'P', 'K', 3, 4})) {
      return null;
    }
    return of(probe);
  }

  /**
   * The directory of the content a zip-based scanner was dispatched to; throws when it is not
   * readable after all.
   */
  public static ZipDirectory required(Probe probe) throws MalformedFileException {
    ZipDirectory dir = of(probe);
    if (dir == null) {
      throw new MalformedFileException("not a readable zip archive", -1);
    }
    return dir;
  }

  public List<ZipEntryInfo> entries() {
    return entries;
  }

  /** Bytes before the archive proper (a zip appended to something else). */
  public long prependedBytes() {
    return prependedBytes;
  }

  /** Bytes after the end-of-central-directory record and its comment. */
  public long trailingBytes() {
    return trailingBytes;
  }

  public long centralOffset() {
    return centralOffset;
  }

  public long eocdOffset() {
    return eocdOffset;
  }

  /** Reads the directory; throws MalformedFileException when there is no valid one. */
  public static ZipDirectory read(ByteSource src, byte[] tail, long size, int maxEntries)
      throws IOException {
    int eocd = -1;
    for (int i = tail.length - 22; i >= 0; i--) {
      if (le32(tail, i) == EOCD_SIG) {
        int commentLen = le16(tail, i + 20);
        if (i + 22 + commentLen <= tail.length) {
          eocd = i;
          break;
        }
      }
    }
    if (eocd < 0) {
      throw new MalformedFileException("no zip end-of-central-directory record", -1);
    }
    long eocdAbs = size - tail.length + eocd;
    long trailing = size - (eocdAbs + 22 + le16(tail, eocd + 20));
    long total = le16(tail, eocd + 10);
    long cdSize = le32(tail, eocd + 12) & 0xffffffffL;
    long cdOffset = le32(tail, eocd + 16) & 0xffffffffL;
    long cdEnd = eocdAbs;
    int loc = eocd - 20;
    if (loc >= 0 && le32(tail, loc) == ZIP64_LOCATOR_SIG) {
      // A zip64 end record (and its locator) sits between the directory and the EOCD.
      long z64 = le64(tail, loc + 8);
      long locAbs = size - tail.length + loc;
      long recAbs = locAbs - 56;
      byte[] rec = recAbs >= 0 ? src.readFully(recAbs, 56) : new byte[56];
      if (le32(rec, 0) != ZIP64_EOCD_SIG) {
        rec = src.readFully(z64, 56);
        recAbs = z64;
      }
      if (le32(rec, 0) != ZIP64_EOCD_SIG) {
        throw new MalformedFileException("zip64 end record not where the locator says", z64);
      }
      if (total == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
        total = le64(rec, 32);
        cdSize = le64(rec, 40);
        cdOffset = le64(rec, 48);
      }
      cdEnd = recAbs;
    } else if (total == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
      throw new MalformedFileException("zip64 archive without its zip64 end record", eocdAbs);
    }
    long prepended = cdEnd - cdSize - cdOffset;
    if (cdSize < 0 || cdOffset < 0 || prepended < 0) {
      throw new MalformedFileException("zip central directory lies outside the file", eocdAbs);
    }
    if (cdSize > MAX_DIRECTORY_BYTES || total > maxEntries) {
      throw new MalformedFileException(
          "zip central directory too large (" + total + " entries, " + cdSize + " bytes)", eocdAbs);
    }
    long cdStart = cdOffset + prepended;
    byte[] cd = src.readFully(cdStart, (int) cdSize);
    List<ZipEntryInfo> list = new ArrayList<>();
    int p = 0;
    while (p + 46 <= cd.length && le32(cd, p) == CENTRAL_SIG) {
      int flags = le16(cd, p + 8);
      int method = le16(cd, p + 10);
      long crc = le32(cd, p + 16) & 0xffffffffL;
      long csize = le32(cd, p + 20) & 0xffffffffL;
      long usize = le32(cd, p + 24) & 0xffffffffL;
      int nameLen = le16(cd, p + 28);
      int extraLen = le16(cd, p + 30);
      int commentLen = le16(cd, p + 32);
      long local = le32(cd, p + 42) & 0xffffffffL;
      if (p + 46 + nameLen + extraLen + commentLen > cd.length) {
        throw new MalformedFileException("zip central directory entry truncated", cdStart + p);
      }
      String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
      int x = p + 46 + nameLen;
      int xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        int id = le16(cd, x);
        int len = le16(cd, x + 2);
        if (id == 0x0001) {
          int q = x + 4;
          if (usize == 0xffffffffL && q + 8 <= x + 4 + len) {
            usize = le64(cd, q);
            q += 8;
          }
          if (csize == 0xffffffffL && q + 8 <= x + 4 + len) {
            csize = le64(cd, q);
            q += 8;
          }
          if (local == 0xffffffffL && q + 8 <= x + 4 + len) {
            local = le64(cd, q);
          }
        }
        x += 4 + len;
      }
      list.add(
          new ZipEntryInfo(name, flags, method, crc, csize, usize, local + prepended, list.size()));
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (list.size() != total && total != 0xffff) {
      throw new MalformedFileException(
          "zip directory declares " + total + " entries but holds " + list.size(), cdStart + p);
    }
    return new ZipDirectory(
        Collections.unmodifiableList(list), prepended, eocdAbs, cdStart, Math.max(0, trailing));
  }

  static int le16(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  static int le32(byte[] b, int i) {
    return (b[i] & 0xff)
        | (b[i + 1] & 0xff) << 8
        | (b[i + 2] & 0xff) << 16
        | (b[i + 3] & 0xff) << 24;
  }

  static long le64(byte[] b, int i) {
    return (le32(b, i) & 0xffffffffL) | (long) le32(b, i + 4) << 32;
  }
}
