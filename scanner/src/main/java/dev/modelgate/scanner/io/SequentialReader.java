package dev.modelgate.scanner.io;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.ScanContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian sequential reads over a {@link ByteSource} through a small window, so headers of
 * any size are walked with bounded memory. Reads past the end throw {@link MalformedFileException};
 * every refill is charged to the scan's byte budget.
 */
public final class SequentialReader {
  private static final int WINDOW = 64 * 1024;

  private final ByteSource source;
  private final ScanContext ctx;
  private final long size;
  private final byte[] buf = new byte[WINDOW];
  private long bufStart;
  private int bufLen;
  private long pos;

  public SequentialReader(ByteSource source, ScanContext ctx, long start) throws IOException {
    this.source = source;
    this.ctx = ctx;
    this.size = source.size();
    this.pos = start;
    this.bufStart = start;
  }

  public long position() {
    return pos;
  }

  public long size() {
    return size;
  }

  public long remaining() {
    return Math.max(0, size - pos);
  }

  private void need(long n, String what) throws MalformedFileException {
    if (n < 0 || n > size - pos) {
      throw new MalformedFileException(
          what + " of " + Long.toUnsignedString(n) + " bytes runs past the end of the file", pos);
    }
  }

  private int byteAt() throws IOException {
    if (pos < bufStart || pos >= bufStart + bufLen) {
      bufStart = pos;
      bufLen = 0;
      int want = (int) Math.min(WINDOW, size - pos);
      while (bufLen < want) {
        int n = source.read(pos + bufLen, buf, bufLen, want - bufLen);
        if (n < 0) {
          break;
        }
        bufLen += n;
      }
      if (ctx != null) {
        ctx.chargeBytes(bufLen);
        ctx.checkTime();
      }
      if (bufLen == 0) {
        throw new MalformedFileException("file ends early", pos);
      }
    }
    return buf[(int) (pos++ - bufStart)] & 0xff;
  }

  public int u8() throws IOException {
    need(1, "a byte");
    return byteAt();
  }

  public int u16() throws IOException {
    need(2, "a 16-bit value");
    return byteAt() | byteAt() << 8;
  }

  public long u32() throws IOException {
    need(4, "a 32-bit value");
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) byteAt() << (8 * i);
    }
    return v;
  }

  /** An unsigned 64-bit value as a Java long (may be negative when the top bit is set). */
  public long u64() throws IOException {
    need(8, "a 64-bit value");
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) byteAt() << (8 * i);
    }
    return v;
  }

  /** Skips {@code n} bytes without reading them. */
  public void skip(long n, String what) throws MalformedFileException {
    need(n, what);
    pos += n;
  }

  /** Reads {@code n} bytes (the caller bounds n). */
  public byte[] bytes(int n, String what) throws IOException {
    need(n, what);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) byteAt();
    }
    return out;
  }

  public String utf8(int n, String what) throws IOException {
    return new String(bytes(n, what), StandardCharsets.UTF_8);
  }
}
