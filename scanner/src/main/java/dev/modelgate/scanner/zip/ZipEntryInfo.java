package dev.modelgate.scanner.zip;

/**
 * One central-directory entry.
 *
 * @param name member name as the central directory spells it (what loaders look up)
 * @param flags general-purpose flag bits
 * @param method compression method (0 stored, 8 deflate)
 * @param crc declared CRC-32
 * @param compressedSize bytes in the archive
 * @param size declared uncompressed size
 * @param localHeaderOffset where the local header starts (after any prepended data shift)
 * @param index position in the central directory
 */
public record ZipEntryInfo(
    String name,
    int flags,
    int method,
    long crc,
    long compressedSize,
    long size,
    long localHeaderOffset,
    int index) {

  public boolean isDirectory() {
    return name.endsWith("/");
  }

  public boolean encryptedFlag() {
    return (flags & 0x1) != 0;
  }
}
