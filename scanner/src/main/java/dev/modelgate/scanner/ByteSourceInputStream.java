package dev.modelgate.scanner;

import java.io.IOException;
import java.io.InputStream;

/** Sequential reads over a range of a {@link ByteSource}, 64 KiB at a time. */
final class ByteSourceInputStream extends InputStream {
  private static final int CHUNK = 64 * 1024;
  private final ByteSource source;
  private long position;
  private final long end;
  private final byte[] one = new byte[1];

  ByteSourceInputStream(ByteSource source, long position, long length) throws IOException {
    this.source = source;
    this.position = Math.max(0, position);
    this.end = Math.min(source.size(), this.position + Math.max(0, length));
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    int want = (int) Math.min(Math.min(len, CHUNK), end - position);
    int n = source.read(position, b, off, want);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long skip(long n) {
    long k = Math.max(0, Math.min(n, end - position));
    position += k;
    return k;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }
}
