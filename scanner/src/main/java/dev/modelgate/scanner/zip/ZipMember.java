package dev.modelgate.scanner.zip;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A member's local header and its bytes: stored members are a window of the archive, deflated ones
 * are inflated on demand. Like torch's reader, CRCs and flag bits are not enforced; callers compare
 * {@link #localName()} with the central name and report differences.
 */
public final class ZipMember {
  private static final int LOCAL_SIG = 0x04034b50;

  private final ZipEntryInfo entry;
  private final String localName;
  private final int localFlags;
  private final long dataOffset;
  private final ByteSource content;

  private ZipMember(
      ZipEntryInfo entry, String localName, int localFlags, long dataOffset, ByteSource content) {
    this.entry = entry;
    this.localName = localName;
    this.localFlags = localFlags;
    this.dataOffset = dataOffset;
    this.content = content;
  }

  /**
   * Reads the member's local header and returns its content view. Throws MalformedFileException
   * when the local header is missing, or for compression methods other than stored and deflate.
   */
  public static ZipMember open(ByteSource archive, ZipEntryInfo e) throws IOException {
    long at = e.localHeaderOffset();
    byte[] h = archive.readUpTo(at, 30);
    if (h.length < 30 || ZipDirectory.le32(h, 0) != LOCAL_SIG) {
      throw new MalformedFileException("no local header for " + e.name(), at);
    }
    int flags = ZipDirectory.le16(h, 6);
    int nameLen = ZipDirectory.le16(h, 26);
    int extraLen = ZipDirectory.le16(h, 28);
    byte[] name = archive.readUpTo(at + 30, nameLen);
    if (name.length < nameLen) {
      throw new MalformedFileException(
          "local header name of " + e.name() + " runs past the end", at);
    }
    String localName = new String(name, StandardCharsets.UTF_8);
    long data = at + 30 + nameLen + extraLen;
    if (data + e.compressedSize() > archive.size()) {
      throw new MalformedFileException("member " + e.name() + " runs past the end", data);
    }
    ByteSource view = archive.slice(data, e.compressedSize());
    ByteSource content =
        switch (e.method()) {
          case 0 -> view;
          case 8 -> new InflatingByteSource(e.name(), view, e.size());
          default ->
              throw new MalformedFileException(
                  "member " + e.name() + " uses compression method " + e.method(), at);
        };
    return new ZipMember(e, localName, flags, data, content);
  }

  public ZipEntryInfo entry() {
    return entry;
  }

  public String localName() {
    return localName;
  }

  public int localFlags() {
    return localFlags;
  }

  /** Offset of the member's first data byte in the archive. */
  public long dataOffset() {
    return dataOffset;
  }

  /** The member's uncompressed bytes. */
  public ByteSource content() {
    return content;
  }
}
