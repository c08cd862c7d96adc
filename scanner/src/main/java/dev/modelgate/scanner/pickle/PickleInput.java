package dev.modelgate.scanner.pickle;

import dev.modelgate.scanner.MalformedFileException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Buffered sequential bytes for the pickle machine, with absolute offsets. Arguments are read in
 * place from {@link #buf} after {@link #require}; large payloads are skipped without buffering.
 */
final class PickleInput {
  private static final int CHUNK = 64 * 1024;
  private final InputStream in;
  private final long end; // absolute end offset, or Long.MAX_VALUE when unknown
  byte[] buf = new byte[CHUNK];
  int pos;
  int lim;
  private long bufStart; // absolute offset of buf[0]
  private boolean eof;
  long bytesIn; // bytes pulled from the stream

  PickleInput(InputStream in, long baseOffset, long length) {
    this.in = in;
    this.bufStart = baseOffset;
    this.end = length < 0 ? Long.MAX_VALUE : baseOffset + length;
  }

  /** Absolute offset of the next unread byte. */
  long offset() {
    return bufStart + pos;
  }

  /** Absolute end of the input, or Long.MAX_VALUE when unknown. */
  long end() {
    return end;
  }

  /** True when no byte is left. */
  boolean atEof() throws IOException {
    return pos >= lim && !fill(1);
  }

  /** Next byte, or -1 at the end. */
  int read() throws IOException {
    if (pos < lim || fill(1)) {
      return buf[pos++] & 0xff;
    }
    return -1;
  }

  /** Makes {@code n} bytes available at {@link #pos}; throws if the input ends first. */
  void require(int n, String what) throws IOException {
    if (lim - pos < n && !fill(n)) {
      throw new MalformedFileException("pickle data was truncated (in " + what + ")", offset());
    }
  }

  /** True if {@code n} bytes can be made available at {@link #pos}. */
  boolean available(int n) throws IOException {
    return lim - pos >= n || fill(n);
  }

  private boolean fill(int n) throws IOException {
    if (eof) {
      return lim - pos >= n;
    }
    if (pos > 0 && (buf.length - pos < n || pos == lim)) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      bufStart += pos;
      pos = 0;
    }
    if (buf.length < n) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    while (lim - pos < n) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
        return false;
      }
      lim += r;
      bytesIn += r;
    }
    return true;
  }

  /**
   * Finds the next '\n' and returns the line length (excluding it), leaving the line at {@link
   * #pos}; -1 if the input ends first, -2 if longer than {@code max}.
   */
  int line(int max) throws IOException {
    int from = pos;
    while (true) {
      for (int i = from; i < lim; i++) {
        if (buf[i] == '\n') {
          return i - pos;
        }
      }
      int have = lim - pos;
      if (have > max) {
        return -2;
      }
      from = lim;
      int before = pos;
      if (!fill(have + 1)) {
        return -1;
      }
      from -= before - pos; // the buffer may have been compacted
    }
  }

  /** Skips {@code n} bytes; returns false if the input ended first. */
  boolean skip(long n) throws IOException {
    long inBuf = Math.min(n, lim - pos);
    pos += (int) inBuf;
    long left = n - inBuf;
    if (left == 0) {
      return true;
    }
    bufStart += lim; // the buffer is used up; restart it after the skipped bytes
    pos = 0;
    lim = 0;
    while (left > 0) {
      if (eof) {
        return false;
      }
      long s = in.skip(left);
      if (s <= 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          eof = true;
          return false;
        }
        s = r;
      }
      bytesIn += s;
      left -= s;
      bufStart += s;
    }
    return true;
  }

  /** Copies the next {@code n} bytes (caller bounds n). Returns null if the input ends first. */
  byte[] copy(int n) throws IOException {
    byte[] out = new byte[n];
    int done = 0;
    while (done < n) {
      if (pos >= lim && !fill(1)) {
        return null;
      }
      int k = Math.min(n - done, lim - pos);
      System.arraycopy(buf, pos, out, done, k);
      pos += k;
      done += k;
    }
    return out;
  }
}
