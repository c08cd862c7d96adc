package dev.modelgate.scanner.protobuf;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.ScanContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A pull reader for the protobuf wire format over one message's byte range of a {@link ByteSource}.
 * Length-delimited fields are skipped by position, never read, so a 2 GB ONNX model with inline
 * weights costs its graph structure only. Every length is checked against the enclosing message;
 * malformed input throws {@link MalformedFileException}.
 */
public final class ProtoReader {
  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LEN = 2;
  public static final int FIXED32 = 5;

  private final Window window;
  private final long end;
  private long pos;
  private int field;
  private int wireType;

  /** A reader over {@code [start, end)} of {@code source}. */
  public ProtoReader(ByteSource source, ScanContext ctx, long start, long end) {
    this(new Window(source, ctx), start, end);
  }

  private ProtoReader(Window window, long start, long end) {
    this.window = window;
    this.pos = start;
    this.end = end;
  }

  /** Reads the next tag; false at the end of this message. */
  public boolean next() throws IOException {
    if (pos >= end) {
      return false;
    }
    long tagAt = pos;
    long tag = varint();
    field = (int) (tag >>> 3);
    wireType = (int) (tag & 7);
    if (field <= 0 || tag >>> 3 > 0x1fffffff) {
      throw new MalformedFileException("invalid protobuf field number " + (tag >>> 3), tagAt);
    }
    if (wireType != VARINT && wireType != FIXED64 && wireType != LEN && wireType != FIXED32) {
      throw new MalformedFileException("unsupported protobuf wire type " + wireType, tagAt);
    }
    return true;
  }

  public int field() {
    return field;
  }

  public int wireType() {
    return wireType;
  }

  /** Offset of the next unread byte. */
  public long position() {
    return pos;
  }

  /** Reads a varint field value (or the varint at the current position). */
  public long varint() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new MalformedFileException("varint runs past the end of its message", pos);
      }
      int b = window.byteAt(pos++);
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new MalformedFileException("varint longer than 10 bytes", pos);
  }

  /** Length of the current LEN field; the position is left at its first byte. */
  private long length() throws IOException {
    if (wireType != LEN) {
      throw new MalformedFileException(
          "field " + field + " has wire type " + wireType + ", expected bytes", pos);
    }
    long at = pos;
    long n = varint();
    if (n < 0 || n > end - pos) {
      throw new MalformedFileException(
          "field "
              + field
              + " of "
              + Long.toUnsignedString(n)
              + " bytes runs past the end of its message",
          at);
    }
    return n;
  }

  /** The current LEN field as a sub-message reader; this reader moves past it. */
  public ProtoReader message() throws IOException {
    long n = length();
    ProtoReader sub = new ProtoReader(window, pos, pos + n);
    pos += n;
    return sub;
  }

  /**
   * The current LEN field as UTF-8 text, at most {@code max} bytes of it (the rest is skipped, and
   * {@code "…"} appended to show the cut).
   */
  public String string(int max) throws IOException {
    long n = length();
    int take = (int) Math.min(n, max);
    byte[] b = new byte[take];
    for (int i = 0; i < take; i++) {
      b[i] = (byte) window.byteAt(pos + i);
    }
    pos += n;
    String s = new String(b, StandardCharsets.UTF_8);
    return n > max ? s + "…" : s;
  }

  /** Length in bytes of the current LEN field, skipping it. */
  public long skipBytes() throws IOException {
    long n = length();
    pos += n;
    return n;
  }

  /** Skips the value of the current field. */
  public void skip() throws IOException {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      case LEN -> skipBytes();
      default -> throw new MalformedFileException("unsupported wire type " + wireType, pos);
    }
  }

  private void advance(int n) throws MalformedFileException {
    if (n > end - pos) {
      throw new MalformedFileException("fixed-size field runs past the end of its message", pos);
    }
    pos += n;
  }

  /** A small read cache shared by a reader and its sub-readers. */
  private static final class Window {
    private static final int SIZE = 8 * 1024;
    private final ByteSource source;
    private final ScanContext ctx;
    private final byte[] buf = new byte[SIZE];
    private long start = -1;
    private int len;
    private long reads;

    Window(ByteSource source, ScanContext ctx) {
      this.source = source;
      this.ctx = ctx;
    }

    int byteAt(long p) throws IOException {
      if (start < 0 || p < start || p >= start + len) {
        start = p;
        len = 0;
        int n;
        while (len < SIZE && (n = source.read(p + len, buf, len, SIZE - len)) > 0) {
          len += n;
        }
        if (len == 0) {
          throw new MalformedFileException("file ends early", p);
        }
        if (ctx != null) {
          ctx.chargeBytes(len);
          if ((++reads & 63) == 0) {
            ctx.checkTime();
          }
        }
      }
      return buf[(int) (p - start)] & 0xff;
    }
  }
}
