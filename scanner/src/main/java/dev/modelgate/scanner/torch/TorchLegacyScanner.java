package dev.modelgate.scanner.torch;

import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.Detection;
import dev.modelgate.scanner.FormatScanner;
import dev.modelgate.scanner.MalformedFileException;
import dev.modelgate.scanner.Probe;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.pickle.PickleStreams;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * PyTorch's legacy format ({@code torch.save(..., _use_new_zipfile_serialization=False)}): five
 * pickles back to back (magic number, protocol version, sys_info, the object, storage keys), then
 * raw storage bytes. torch.load unpickles all five, so all five are scanned; the storage bytes are
 * not read.
 */
public final class TorchLegacyScanner implements FormatScanner {
  /** PROTO 2, LONG1 of 10 bytes: 0x1950a86a20f9469cfc6c, torch's legacy magic number. */
  static final byte[] MAGIC_PICKLE = {
    (byte) 0x80,
    2,
    (byte) 0x8a,
    0x0a,
    0x6c,
    (byte) 0xfc,
    (byte) 0x9c,
    0x46,
    (byte) 0xf9,
    0x20,
    0x6a,
    (byte) 0xa8,
    0x50,
    0x19
  };

  private static final String[] STREAMS = {
    "magic number", "protocol version", "sys_info", "object", "storage keys"
  };

  @Override
  public String format() {
    return "pytorch-legacy";
  }

  @Override
  public String family() {
    return "pickle";
  }

  @Override
  public Set<String> extensions() {
    return Set.of("pt", "pth", "bin", "ckpt");
  }

  @Override
  public boolean mayRunCode() {
    return true;
  }

  @Override
  public int detect(Probe probe) {
    return probe.startsWith(MAGIC_PICKLE) ? Detection.CERTAIN : Detection.NO;
  }

  @Override
  public void scan(ByteSource source, ScanContext ctx) throws IOException {
    try (InputStream in = source.openStream(0, source.size())) {
      PickleStreams p = new PickleStreams(ctx, in, 0, source.size(), false);
      for (String what : STREAMS) {
        long at = p.offset();
        if (!p.next()) {
          throw new MalformedFileException(
              "legacy torch file ends before its " + what + " pickle", at);
        }
      }
    }
  }
}
