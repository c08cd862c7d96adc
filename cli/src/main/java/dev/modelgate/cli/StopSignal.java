package dev.modelgate.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a serving command waits: until the process is asked to stop (SIGTERM, Ctrl-C), or for a
 * bounded time when one is given (tests, scripted demos). Closing it removes the shutdown hook, so
 * a command run inside a longer-lived JVM (tests) leaves nothing behind.
 */
final class StopSignal implements AutoCloseable {

  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread hook;

  /** Registers the shutdown hook; {@code name} names its thread in dumps. */
  StopSignal(String name) {
    hook = new Thread(stop::countDown, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Blocks until asked to stop, or at most {@code maxSeconds} when it is not negative. */
  void await(long maxSeconds) {
    try {
      if (maxSeconds >= 0) {
        stop.await(maxSeconds, TimeUnit.SECONDS);
      } else {
        stop.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // asked to stop: a normal end
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting; nothing to remove
    }
  }
}
