package dev.modelgate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (so pipes, CI logs and
 * JSON consumers never see it).
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private int expected;
  private int done;
  private long bytes;
  private long lastDraw;

  private ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  static ProgressBar forTerminal(PrintWriter err, boolean wanted) {
    return new ProgressBar(err, wanted && isTerminal());
  }

  /** JDK 21 returns no console unless interactive; JDK 22+ always does and adds isTerminal(). */
  private static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  void expect(int files) {
    expected = files;
  }

  void fileDone(String path, long size) {
    done++;
    bytes += Math.max(0, size);
    long now = System.nanoTime();
    if (!enabled || now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int total = Math.max(expected, done);
    int filled = (int) ((long) WIDTH * done / Math.max(1, total));
    String name = path.length() > 40 ? "…" + path.substring(path.length() - 39) : path;
    err.printf(
        "\r[%s%s] %d/%d files, %d MB  %-40s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, bytes >> 20, name);
    err.flush();
  }

  void finish() {
    if (enabled && lastDraw != 0) {
      err.print("\r" + " ".repeat(WIDTH + 80) + "\r");
      err.flush();
    }
  }
}
