package dev.modelgate.hub;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for response bodies, which {@code java.net.http} lacks: if one {@code read} blocks
 * longer than the timeout, the stream is closed so the read fails instead of hanging forever. Time
 * the caller spends between reads does not count.
 */
final class StallGuardedInputStream extends FilterInputStream {
  private final long timeoutNanos;
  private final ScheduledFuture<?> watchdog;
  private volatile long readStartedAt; // 0 while not inside read()
  private volatile boolean timedOut;

  StallGuardedInputStream(InputStream in, Duration timeout, ScheduledExecutorService scheduler) {
    super(in);
    this.timeoutNanos = timeout.toNanos();
    long period = Math.max(timeout.toMillis() / 4, 5);
    this.watchdog =
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  private void check() {
    long started = readStartedAt;
    if (started != 0 && System.nanoTime() - started > timeoutNanos && !timedOut) {
      timedOut = true;
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is how we abort; a failure to close changes nothing
      }
    }
  }

  @Override
  public int read() throws IOException {
    begin();
    try {
      return in.read();
    } catch (IOException e) {
      throw translate(e);
    } finally {
      readStartedAt = 0;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    begin();
    try {
      int n = in.read(b, off, len);
      if (timedOut) throw stalled();
      return n;
    } catch (IOException e) {
      throw translate(e);
    } finally {
      readStartedAt = 0;
    }
  }

  private void begin() throws IOException {
    if (timedOut) throw stalled();
    readStartedAt = System.nanoTime();
  }

  private IOException translate(IOException e) {
    return timedOut ? stalled() : e;
  }

  private IOException stalled() {
    return new HttpTimeoutException(
        "read timed out: no data for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
  }

  @Override
  public void close() throws IOException {
    watchdog.cancel(false);
    super.close();
  }
}
