package dev.modelgate.hub;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random access to one file in a Hub repo over HTTP {@code Range} requests, so a scanner reads only
 * the bytes it needs (a safetensors header, a zip's central directory) instead of downloading the
 * file. Small reads go through an LRU cache of fixed-size blocks; large reads are fetched directly.
 * Thread-safe. Counts the bytes it fetched so callers can report (and tests can assert) how little
 * was read.
 */
public final class RemoteFile implements Closeable {
  private final HubHttp http;
  private final Resolver resolver;
  private final String path;
  private final long size;
  private final String etag;
  private final int blockSize;
  private final int maxBlocks;
  private final Map<Long, byte[]> blocks;
  private final AtomicLong bytesFetched = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private URI location;
  private volatile boolean closed;

  /** Re-resolves the content URL (signed CDN URLs expire). */
  @FunctionalInterface
  interface Resolver {
    FileMetadata resolve() throws IOException;
  }

  RemoteFile(HubHttp http, Resolver resolver, String path, int blockSize, int maxBlocks)
      throws IOException {
    if (blockSize < 512 || maxBlocks < 1) throw new IllegalArgumentException("bad cache size");
    this.http = http;
    this.resolver = resolver;
    this.path = path;
    FileMetadata meta = resolver.resolve();
    if (meta.size() < 0) throw new HubException("no size for " + path, 0, null, false, null);
    this.size = meta.size();
    this.etag = meta.etag();
    this.location = meta.location();
    this.blockSize = blockSize;
    this.maxBlocks = maxBlocks;
    this.blocks =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > RemoteFile.this.maxBlocks;
          }
        };
  }

  /** The path inside the repo. */
  public String path() {
    return path;
  }

  /** The file's size in bytes. */
  public long size() {
    return size;
  }

  /** The Hub's etag for the content (LFS SHA-256 or git blob id). */
  public String etag() {
    return etag;
  }

  /** Bytes received over the network so far. */
  public long bytesFetched() {
    return bytesFetched.get();
  }

  /** HTTP range requests made so far. */
  public long requestCount() {
    return requests.get();
  }

  /**
   * Reads up to {@code len} bytes at {@code position} into {@code buf}; fewer only at the end of
   * the file.
   *
   * @return the number of bytes read, or -1 when {@code position} is at or past the end
   */
  public synchronized int read(long position, byte[] buf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (closed) throw new ClosedChannelException();
    if (position < 0) throw new IllegalArgumentException("negative position");
    if (position >= size) return -1;
    int n = (int) Math.min(len, size - position);
    if (n == 0) return 0;
    long firstBlock = position / blockSize;
    long lastBlock = (position + n - 1) / blockSize;
    if (lastBlock - firstBlock + 1 > Math.max(2, maxBlocks / 4)) {
      // A big read would flush the cache for nothing: fetch it directly.
      fetch(position, buf, off, n);
      return n;
    }
    int done = 0;
    while (done < n) {
      long pos = position + done;
      long index = pos / blockSize;
      byte[] block = block(index);
      int inBlock = (int) (pos - index * blockSize);
      int take = Math.min(n - done, block.length - inBlock);
      System.arraycopy(block, inBlock, buf, off + done, take);
      done += take;
    }
    return n;
  }

  /** Reads exactly {@code len} bytes at {@code position}, or throws {@link EOFException}. */
  public void readFully(long position, byte[] buf, int off, int len) throws IOException {
    if (position < 0 || position + len > size) {
      throw new EOFException(
          "read of "
              + len
              + " bytes at "
              + position
              + " past the end of "
              + path
              + " ("
              + size
              + " bytes)");
    }
    int n = read(position, buf, off, len);
    if (n != len) throw new EOFException("short read from " + path);
  }

  /** A read-only {@link SeekableByteChannel} view (its own position) over this file. */
  public SeekableByteChannel channel() {
    return new PositionedReadChannel(this::read, size, 1 << 20);
  }

  private byte[] block(long index) throws IOException {
    byte[] b = blocks.get(index);
    if (b != null) return b;
    long start = index * blockSize;
    int len = (int) Math.min(blockSize, size - start);
    b = new byte[len];
    fetch(start, b, 0, len);
    blocks.put(index, b);
    return b;
  }

  /** Fetches [start, start+len) into buf, retrying cut connections and re-resolving once. */
  private void fetch(long start, byte[] buf, int off, int len) throws IOException {
    boolean reResolved = false;
    int failures = 0;
    int done = 0;
    while (done < len) {
      long from = start + done;
      try {
        done += fetchOnce(from, len - done, buf, off + done);
      } catch (HubException e) {
        if (!e.isTransient() && !reResolved && !HubUrls.sameOrigin(http.endpoint(), location)) {
          // A signed CDN URL may have expired: ask the Hub for a fresh one, once.
          location = resolver.resolve().location();
          reResolved = true;
          continue;
        }
        if (!e.isTransient() || ++failures > http.retryPolicy().maxRetries()) throw e;
        HubHttp.sleep(http.retryPolicy().backoff(failures));
      }
    }
  }

  /** One range request; returns the bytes copied (possibly fewer if the connection was cut). */
  private int fetchOnce(long from, int len, byte[] buf, int off) throws IOException {
    requests.incrementAndGet();
    Map<String, String> headers =
        Map.of("Range", "bytes=" + from + "-" + (from + len - 1), "Accept-Encoding", "identity");
    try (HubHttp.Response r = http.send("GET", location, headers, null, HubHttp.Redirects.FOLLOW)) {
      InputStream in = r.body();
      if (r.status() == 200) {
        // The server ignored the range: skip to our offset (correct, just wasteful).
        skipCounting(in, from);
      } else if (r.status() != 206) {
        throw new HubException(
            "unexpected status " + r.status() + " for a range of " + path,
            r.status(),
            null,
            false,
            null);
      }
      int got = 0;
      while (got < len) {
        int n;
        try {
          n = in.read(buf, off + got, len - got);
        } catch (InterruptedIOException e) {
          throw e;
        } catch (IOException e) {
          if (got > 0) return countAndReturn(got);
          throw HubHttp.networkFailure("GET", location, e);
        }
        if (n < 0) break;
        got += n;
      }
      countAndReturn(got);
      if (got == 0) {
        throw new HubException("empty range answer for " + path, r.status(), null, true, null);
      }
      return got;
    }
  }

  private int countAndReturn(int n) {
    bytesFetched.addAndGet(n);
    return n;
  }

  private void skipCounting(InputStream in, long n) throws IOException {
    byte[] scratch = new byte[64 * 1024];
    long left = n;
    while (left > 0) {
      int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (r < 0) throw new HubException("short answer for " + path, 200, null, true, null);
      left -= r;
      bytesFetched.addAndGet(r);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    blocks.clear();
  }
}
