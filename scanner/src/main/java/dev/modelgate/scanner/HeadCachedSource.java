package dev.modelgate.scanner;

import java.io.IOException;

/**
 * Serves reads that fall inside the probe's head or tail from memory, so detection and scanning do
 * not fetch the same bytes twice (one HTTP Range request saved per file on remote scans).
 */
final class HeadCachedSource implements ByteSource {
  private final ByteSource inner;
  private final Probe probe;

  HeadCachedSource(ByteSource inner, Probe probe) {
    this.inner = inner;
    this.probe = probe;
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
    byte[] head = probe.head();
    if (position >= 0 && position < head.length) {
      int n = (int) Math.min(len, head.length - position);
      System.arraycopy(head, (int) position, dst, off, n);
      return n;
    }
    byte[] tail = probe.loadedTail();
    if (tail != null) {
      long tailStart = probe.size() - tail.length;
      if (position >= tailStart && position < probe.size()) {
        int n = (int) Math.min(len, probe.size() - position);
        System.arraycopy(tail, (int) (position - tailStart), dst, off, n);
        return n;
      }
    }
    return inner.read(position, dst, off, len);
  }

  @Override
  public ByteSource slice(long offset, long length) throws IOException {
    return new SliceByteSource(this, offset, length);
  }
}
