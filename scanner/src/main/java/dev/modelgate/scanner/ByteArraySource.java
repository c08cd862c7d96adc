package dev.modelgate.scanner;

import java.util.Objects;

/** Bytes already in memory: a decompressed member, an embedded pickle, a test input. */
public final class ByteArraySource implements ByteSource {
  private final String name;
  private final byte[] bytes;

  public ByteArraySource(String name, byte[] bytes) {
    this.name = Objects.requireNonNull(name);
    this.bytes = Objects.requireNonNull(bytes);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public int read(long position, byte[] dst, int off, int len) {
    if (position < 0 || position >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(len, bytes.length - position);
    System.arraycopy(bytes, (int) position, dst, off, n);
    return n;
  }
}
