package dev.modelgate.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel}, with its own position, over anything that reads bytes at
 * a given offset (a {@link RemoteFile}, a scanner's byte source), so libraries that want a channel
 * (zip, 7z, tar, HDF5 readers) can read through it. Closing the channel closes nothing underneath.
 */
public class PositionedReadChannel implements SeekableByteChannel {

  /** Reads bytes at an offset, without a position of its own. */
  @FunctionalInterface
  public interface PositionedReader {
    /**
     * Reads up to {@code len} bytes at {@code position} into {@code buf}; returns the count read,
     * or -1 when {@code position} is at or beyond the end.
     */
    int read(long position, byte[] buf, int off, int len) throws IOException;
  }

  private final PositionedReader reader;
  private final long size;
  private final int copyChunk;
  private long position;
  private boolean open = true;

  /**
   * @param size the length of what {@code reader} reads
   * @param copyChunk the most bytes one read copies through a heap buffer when the destination is a
   *     direct buffer, which bounds the garbage one call makes
   */
  public PositionedReadChannel(PositionedReader reader, long size, int copyChunk) {
    if (copyChunk <= 0) throw new IllegalArgumentException("copyChunk must be positive");
    this.reader = reader;
    this.size = size;
    this.copyChunk = copyChunk;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) throw new ClosedChannelException();
    if (position >= size) return -1;
    int want = (int) Math.min(dst.remaining(), size - position);
    if (want == 0) return 0;
    int n;
    if (dst.hasArray()) {
      n = reader.read(position, dst.array(), dst.arrayOffset() + dst.position(), want);
      if (n > 0) dst.position(dst.position() + n);
    } else {
      byte[] tmp = new byte[Math.min(want, copyChunk)];
      n = reader.read(position, tmp, 0, tmp.length);
      if (n > 0) dst.put(tmp, 0, n);
    }
    if (n > 0) position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) throw new IllegalArgumentException("negative position");
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long s) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
