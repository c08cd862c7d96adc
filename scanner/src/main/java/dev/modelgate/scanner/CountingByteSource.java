package dev.modelgate.scanner;

import java.io.IOException;

/** Counts the bytes actually read from a source, so reports can show how little was touched. */
final class CountingByteSource implements ByteSource {
  private final ByteSource inner;
  private long bytesRead;

  CountingByteSource(ByteSource inner) {
    this.inner = inner;
  }

  long bytesRead() {
    return bytesRead;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public long size() throws IOException {
    return inner.size();
  }

  @Override
  public int read(long position, byte[] dst, int off, int len) throws IOException {
    int n = inner.read(position, dst, off, len);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
