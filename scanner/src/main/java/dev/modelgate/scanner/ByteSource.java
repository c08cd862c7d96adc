package dev.modelgate.scanner;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Random-access bytes of one file or member: a local file, a remote file read with HTTP Range, a
 * window of another source, or a small in-memory buffer. Scanners read only the ranges they need,
 * so a 10 GB checkpoint costs its zip directory and pickle, not its tensors.
 */
public interface ByteSource extends Closeable {

  /** A short name for messages (file name or member path). */
  String name();

  /** Total length in bytes. */
  long size() throws IOException;

  /**
   * Reads up to {@code len} bytes at {@code position} into {@code dst}; returns the count read, or
   * -1 when {@code position} is at or beyond the end.
   */
  int read(long position, byte[] dst, int off, int len) throws IOException;

  /** Reads exactly {@code len} bytes at {@code position}, or throws EOFException. */
  default byte[] readFully(long position, int len) throws IOException {
    byte[] out = new byte[len];
    int done = 0;
    while (done < len) {
      int n = read(position + done, out, done, len - done);
      if (n < 0) {
        throw new EOFException(
            name() + ": wanted " + len + " bytes at " + position + ", file ends first");
      }
      done += n;
    }
    return out;
  }

  /** Reads at most {@code len} bytes at {@code position} (fewer at the end of the source). */
  default byte[] readUpTo(long position, int len) throws IOException {
    long avail = Math.max(0, size() - position);
    return readFully(position, (int) Math.min(len, avail));
  }

  /** A view of {@code length} bytes starting at {@code offset} (clamped to this source). */
  default ByteSource slice(long offset, long length) throws IOException {
    return new SliceByteSource(this, offset, length);
  }

  /** A sequential stream over {@code [position, position + length)}, read in chunks. */
  default InputStream openStream(long position, long length) throws IOException {
    return new ByteSourceInputStream(this, position, length);
  }

  /** Closing a view or in-memory source does nothing; file and remote sources release handles. */
  @Override
  default void close() throws IOException {}
}
