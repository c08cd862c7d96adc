package dev.modelgate.scanner.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a decompressing stream at its first read error instead of throwing, and remembers the error.
 * A loader such as {@code joblib.load} unpickles while it decompresses, so a payload placed before
 * a deliberately cut or corrupted tail still runs: the bytes that did unpack must be scanned, and
 * the failure reported after them.
 */
final class TruncationTolerantStream extends FilterInputStream {
  private IOException failure;

  TruncationTolerantStream(InputStream in) {
    super(in);
  }

  /** The error that ended the stream early, or null when it ended normally. */
  IOException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    return tolerating(() -> super.read());
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return tolerating(() -> super.read(b, off, len));
  }

  /** One read of the underlying stream. */
  private interface Read {
    int run() throws IOException;
  }

  /** Runs a read unless the stream has failed; a failure is remembered and reads as the end. */
  private int tolerating(Read read) {
    if (failure != null) {
      return -1;
    }
    try {
      return read.run();
    } catch (IOException e) {
      failure = e;
      return -1;
    } catch (RuntimeException e) { // decoders throw these on some garbage too
      failure = new IOException(e.toString(), e);
      return -1;
    }
  }
}
