package dev.modelgate.scanner.zip;

import dev.modelgate.scanner.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A deflated member read as if it were random access: sequential reads stream through an inflater;
 * a backward seek restarts it. Scanners read pickles front to back, so restarts are rare. The size
 * is the declared one; the real stream may end sooner (reads then return -1).
 */
final class InflatingByteSource implements ByteSource {
  private final String name;
  private final ByteSource compressed;
  private final long declaredSize;
  private InputStream stream;
  private Inflater inflater;
  private long position;

  InflatingByteSource(String name, ByteSource compressed, long declaredSize) {
    this.name = name;
    this.compressed = compressed;
    this.declaredSize = declaredSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return declaredSize;
  }

  @Override
  public int read(long pos, byte[] dst, int off, int len) throws IOException {
    if (pos < 0 || pos >= declaredSize) {
      return -1;
    }
    if (stream == null || pos < position) {
      restart();
    }
    while (position < pos) {
      long s = stream.skip(pos - position);
      if (s <= 0) {
        if (stream.read() < 0) {
          return -1;
        }
        s = 1;
      }
      position += s;
    }
    int n = stream.read(dst, off, (int) Math.min(len, declaredSize - pos));
    if (n > 0) {
      position += n;
    }
    return n;
  }

  private void restart() throws IOException {
    close();
    inflater = new Inflater(true);
    stream = new InflaterInputStream(compressed.openStream(0, compressed.size()), inflater, 8192);
    position = 0;
  }

  @Override
  public void close() {
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
    stream = null;
  }
}
