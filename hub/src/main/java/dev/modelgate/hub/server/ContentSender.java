package dev.modelgate.hub.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** Streams (part of) a file as a response body, applying the download faults. */
final class ContentSender {
  private static final int CHUNK = 256 * 1024;

  private ContentSender() {}

  /**
   * Sends a whole file or the requested range; headers other than status/length must already be
   * set.
   */
  static void send(Call call, RepoSnapshot.FileEntry f, Faults faults) throws IOException {
    long size = f.size();
    ByteRange range = ByteRange.parse(call.header("Range"), size);
    if (range != null && faults.takeIgnoreRange()) range = null;
    call.setHeader("Accept-Ranges", "bytes");
    if (range == ByteRange.UNSATISFIABLE) {
      call.setHeader("Content-Range", "bytes */" + size);
      call.error(416, null, "Requested range not satisfiable");
      return;
    }
    long start = range == null ? 0 : range.start();
    long length = range == null ? size : range.length();
    if (range != null) {
      call.setHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
    }
    int status = range == null ? 200 : 206;
    if (call.isHead() || length == 0) {
      call.sendHeaders(status, length);
      return;
    }
    long cut = faults.takeCut();
    long stall = faults.takeStall();
    long flip = faults.takeCorrupt(f.path()) ? size / 2 : -1;
    HttpExchange ex = call.ex;
    call.sendHeaders(status, length);
    OutputStream out = ex.getResponseBody();
    try (FileChannel ch = FileChannel.open(f.file(), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      long sent = 0;
      while (sent < length) {
        long limit = length - sent;
        if (cut >= 0) limit = Math.min(limit, cut - sent);
        if (stall >= 0) limit = Math.min(limit, stall - sent);
        if (limit <= 0) {
          if (cut >= 0 && sent >= cut) {
            // Fewer bytes than Content-Length, then close: the client sees a cut connection.
            out.flush();
            throw new CutConnection();
          }
          sleep(faults.stallFor());
          stall = -1;
          continue;
        }
        buf.clear().limit((int) Math.min(CHUNK, limit));
        int n = ch.read(buf, start + sent);
        if (n <= 0) throw new IOException(f.file() + " shrank while being served");
        long pos = start + sent;
        if (flip >= pos && flip < pos + n) {
          int i = (int) (flip - pos);
          buf.array()[i] = (byte) (buf.array()[i] ^ 0x5a);
        }
        out.write(buf.array(), 0, n);
        sent += n;
      }
    }
    out.close();
  }

  private static void sleep(java.time.Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    }
  }

  /** Thrown to abandon a response on purpose; the exchange is closed without finishing it. */
  static final class CutConnection extends IOException {
    CutConnection() {
      super("connection cut by fault injection");
    }
  }
}
