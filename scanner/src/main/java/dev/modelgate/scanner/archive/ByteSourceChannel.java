package dev.modelgate.scanner.archive;

import dev.modelgate.hub.PositionedReadChannel;
import dev.modelgate.scanner.ByteSource;
import java.io.IOException;

/**
 * A read-only {@link java.nio.channels.SeekableByteChannel} over a {@link ByteSource}, so libraries
 * that want a channel (Commons Compress zip/7z/tar, jHDF) read through the same positional,
 * counted, possibly remote source as everything else. Closing the channel does not close the
 * source.
 */
public final class ByteSourceChannel extends PositionedReadChannel {

  public ByteSourceChannel(ByteSource source) throws IOException {
    super(source::read, source.size(), 64 * 1024);
  }
}
