package dev.modelgate.hub.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the server injects, for tests of the client's retries, resumes and verification. Counted
 * faults apply to the next N matching requests and then stop, so every test is bounded.
 * Thread-safe.
 */
public final class Faults {
  private volatile Duration latency = Duration.ZERO;
  private final AtomicInteger rateLimited = new AtomicInteger();
  private volatile int retryAfterSeconds = 1;
  private final AtomicInteger serverErrors = new AtomicInteger();
  private volatile int serverErrorStatus = 503;
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile long cutAfterBytes;
  private final AtomicInteger rangeIgnored = new AtomicInteger();
  private final AtomicInteger stalls = new AtomicInteger();
  private volatile long stallAfterBytes;
  private volatile Duration stallFor = Duration.ZERO;
  private final Map<String, AtomicInteger> corrupted = new ConcurrentHashMap<>();

  /** Adds {@code d} before every answer. */
  public Faults latency(Duration d) {
    this.latency = d;
    return this;
  }

  /**
   * Answers the next {@code n} requests with 429, {@code Retry-After} and {@code RateLimit r=0}.
   */
  public Faults rateLimit(int n, int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
    rateLimited.set(n);
    return this;
  }

  /** Answers the next {@code n} requests with {@code status} (500, 502, 503, 504...). */
  public Faults serverErrors(int n, int status) {
    this.serverErrorStatus = status;
    serverErrors.set(n);
    return this;
  }

  /** Cuts the connection of the next {@code n} file downloads after {@code bytes} body bytes. */
  public Faults cutAfter(int n, long bytes) {
    this.cutAfterBytes = bytes;
    cuts.set(n);
    return this;
  }

  /** Answers the next {@code n} ranged downloads with 200 and the whole file, ignoring Range. */
  public Faults ignoreRange(int n) {
    rangeIgnored.set(n);
    return this;
  }

  /**
   * Stops sending for {@code pause} after {@code bytes} body bytes in the next {@code n} downloads.
   */
  public Faults stall(int n, long bytes, Duration pause) {
    this.stallAfterBytes = bytes;
    this.stallFor = pause;
    stalls.set(n);
    return this;
  }

  /** Serves {@code path} with one byte flipped in the next {@code n} downloads of it. */
  public Faults corrupt(String path, int n) {
    corrupted.put(path, new AtomicInteger(n));
    return this;
  }

  /** Removes every fault. */
  public Faults clear() {
    latency = Duration.ZERO;
    rateLimited.set(0);
    serverErrors.set(0);
    cuts.set(0);
    rangeIgnored.set(0);
    stalls.set(0);
    corrupted.clear();
    return this;
  }

  Duration latency() {
    return latency;
  }

  /** The Retry-After seconds if this request is rate limited, else -1. */
  int takeRateLimit() {
    return take(rateLimited) ? retryAfterSeconds : -1;
  }

  /** The status to fail this request with, else -1. */
  int takeServerError() {
    return take(serverErrors) ? serverErrorStatus : -1;
  }

  /** Bytes after which to cut this download, else -1. */
  long takeCut() {
    return take(cuts) ? cutAfterBytes : -1;
  }

  boolean takeIgnoreRange() {
    return take(rangeIgnored);
  }

  /** Bytes after which to stall this download, else -1. */
  long takeStall() {
    return take(stalls) ? stallAfterBytes : -1;
  }

  Duration stallFor() {
    return stallFor;
  }

  boolean takeCorrupt(String path) {
    AtomicInteger c = corrupted.get(path);
    return c != null && take(c);
  }

  private static boolean take(AtomicInteger counter) {
    while (true) {
      int v = counter.get();
      if (v <= 0) return false;
      if (counter.compareAndSet(v, v - 1)) return true;
    }
  }
}
