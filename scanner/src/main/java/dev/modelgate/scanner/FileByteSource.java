package dev.modelgate.scanner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file read with positional {@link FileChannel} reads (no shared file pointer). */
public final class FileByteSource implements ByteSource {
  private final Path path;
  private final FileChannel channel;
  private final long size;

  private FileByteSource(Path path, FileChannel channel) throws IOException {
    this.path = path;
    this.channel = channel;
    this.size = channel.size();
  }

  /** Opens {@code path} for reading. */
  public static FileByteSource open(Path path) throws IOException {
    return new FileByteSource(path, FileChannel.open(path, StandardOpenOption.READ));
  }

  @Override
  public String name() {
    Path f = path.getFileName();
    return f == null ? path.toString() : f.toString();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(long position, byte[] dst, int off, int len) throws IOException {
    if (position < 0 || position >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - position);
    ByteBuffer buf = ByteBuffer.wrap(dst, off, n);
    int total = 0;
    while (buf.hasRemaining()) {
      int r = channel.read(buf, position + total);
      if (r < 0) {
        break;
      }
      total += r;
    }
    return total == 0 && n > 0 ? -1 : total;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
