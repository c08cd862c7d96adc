package dev.modelgate.scanner;

import java.io.IOException;

/** A window {@code [offset, offset + length)} of another source, e.g. a stored zip member. */
final class SliceByteSource implements ByteSource {
  private final ByteSource parent;
  private final long offset;
  private final long length;

  SliceByteSource(ByteSource parent, long offset, long length) throws IOException {
    long parentSize = parent.size();
    this.parent = parent;
    this.offset = Math.min(Math.max(0, offset), parentSize);
    this.length = Math.max(0, Math.min(length, parentSize - this.offset));
  }

  @Override
  public String name() {
    return parent.name();
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public int read(long position, byte[] dst, int off, int len) throws IOException {
    if (position < 0 || position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    return parent.read(offset + position, dst, off, n);
  }

  @Override
  public ByteSource slice(long off, long len) throws IOException {
    long start = Math.min(Math.max(0, off), length);
    return new SliceByteSource(parent, offset + start, Math.min(len, length - start));
  }
}
