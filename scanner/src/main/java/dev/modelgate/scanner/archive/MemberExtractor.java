package dev.modelgate.scanner.archive;

import dev.modelgate.scanner.ByteArraySource;
import dev.modelgate.scanner.ByteSource;
import dev.modelgate.scanner.FileByteSource;
import dev.modelgate.scanner.ScanContext;
import dev.modelgate.scanner.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unpacks one compressed member into something scannable: small members stay in memory, larger ones
 * spill to a private temporary file that is deleted when the member is closed. Every unpacked byte
 * is charged to the scan's byte budget, and a member that inflates more than {@link #BOMB_RATIO}
 * times past {@link #BOMB_MIN_BYTES} is stopped and reported as a bomb.
 */
public final class MemberExtractor {
  static final int IN_MEMORY = 4 * 1024 * 1024;
  static final long BOMB_MIN_BYTES = 32L * 1024 * 1024;
  static final long BOMB_RATIO = 100;

  private MemberExtractor() {}

  /**
   * Unpacks {@code in} (whose packed size is {@code packed}, or -1 when unknown); returns null when
   * a bomb was stopped (already reported on {@code member}).
   */
  public static ByteSource extract(InputStream in, long packed, String member, ScanContext ctx)
      throws IOException {
    ByteArrayOutputStream mem = new ByteArrayOutputStream();
    OutputStream sink = mem;
    Path spill = null;
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        ctx.chargeBytes(n);
        if (packed > 0 && total > BOMB_MIN_BYTES && total / packed > BOMB_RATIO) {
          ctx.reportMember(
              Severity.HIGH,
              "archive.bomb",
              "member unpacks to more than "
                  + total
                  + " bytes from "
                  + packed
                  + " (ratio over "
                  + BOMB_RATIO
                  + ":1); stopped, not scanned",
              member,
              -1);
          return null;
        }
        if (spill == null && total > IN_MEMORY) {
          spill = Files.createTempFile("modelgate-member-", ".bin");
          sink = Files.newOutputStream(spill);
          mem.writeTo(sink);
          mem = null;
          sink.write(buf, 0, n);
          continue;
        }
        sink.write(buf, 0, n);
        if ((total & 0xfffff) < n) {
          ctx.checkTime();
        }
      }
      if (spill == null) {
        return new ByteArraySource(member, mem.toByteArray());
      }
      sink.close();
      Path done = spill;
      spill = null;
      return new TempFileSource(FileByteSource.open(done), done);
    } finally {
      if (spill != null) {
        sink.close();
        Files.deleteIfExists(spill);
      }
    }
  }

  /** A file-backed member whose file is deleted on close. */
  private static final class TempFileSource implements ByteSource {
    private final FileByteSource file;
    private final Path path;

    TempFileSource(FileByteSource file, Path path) {
      this.file = file;
      this.path = path;
    }

    @Override
    public String name() {
      return file.name();
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
      return file.read(position, dst, off, len);
    }

    @Override
    public void close() throws IOException {
      try {
        file.close();
      } finally {
        Files.deleteIfExists(path);
      }
    }
  }
}
