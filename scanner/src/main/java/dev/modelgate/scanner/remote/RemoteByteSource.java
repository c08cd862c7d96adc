package dev.modelgate.scanner.remote;

import dev.modelgate.hub.RemoteFile;
import dev.modelgate.scanner.ByteSource;
import java.io.IOException;

/** A file on a Hugging Face Hub read with HTTP Range requests through the hub client. */
public final class RemoteByteSource implements ByteSource {
  private final RemoteFile file;

  public RemoteByteSource(RemoteFile file) {
    this.file = file;
  }

  @Override
  public String name() {
    return file.path();
  }

  @Override
  public long size() {
    return file.size();
  }

  @Override
  public int read(long position, byte[] dst, int off, int len) throws IOException {
    return file.read(position, dst, off, len);
  }

  /** Bytes fetched over the network so far (cache blocks included). */
  public long bytesFetched() {
    return file.bytesFetched();
  }

  @Override
  public void close() {
    file.close();
  }
}
