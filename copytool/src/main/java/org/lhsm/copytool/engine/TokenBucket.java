package org.lhsm.copytool.engine;

/**
 * Bandwidth limit shared by all workers. Reservation style: a caller takes its bytes at once (the
 * bucket may go into debt) and is told how long to wait until that debt is repaid, so concurrent
 * copies queue fairly behind each other and the aggregate rate never exceeds {@code rate}. The
 * bucket starts empty so that even the first chunk is paced (test 16 of sanity-hsm expects 20 MiB
 * at 1 MiB/s to take at least 19 s).
 */
public final class TokenBucket {
  private final long ratePerSecond;
  private final double capacity;
  private final NanoClock clock;
  private double tokens;
  private long lastNanos;

  /**
   * @param ratePerSecond bytes per second, &gt; 0
   * @param capacity largest burst in bytes that can accumulate while idle, &gt; 0
   */
  public TokenBucket(long ratePerSecond, long capacity, NanoClock clock) {
    if (ratePerSecond <= 0 || capacity <= 0) {
      throw new IllegalArgumentException(
          "bandwidth rate and burst must be positive: " + ratePerSecond + ", " + capacity);
    }
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.clock = clock;
    this.lastNanos = clock.nanoTime();
  }

  public long ratePerSecond() {
    return ratePerSecond;
  }

  /** Takes {@code bytes}; returns how many nanoseconds the caller must wait (0 if none). */
  public synchronized long reserve(long bytes) {
    long now = clock.nanoTime();
    long elapsed = now - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * (ratePerSecond / 1e9));
      lastNanos = now;
    }
    tokens -= bytes;
    if (tokens >= 0) {
      return 0;
    }
    return (long) Math.ceil(-tokens * 1e9 / ratePerSecond);
  }

  /** Gives back bytes reserved but not used (a short last chunk). */
  public synchronized void refund(long bytes) {
    if (bytes > 0) {
      tokens = Math.min(capacity, tokens + bytes);
    }
  }

  /** {@link #reserve} then sleep; returns the nanoseconds waited. */
  public long acquire(long bytes, Sleeper sleeper) throws InterruptedException {
    long wait = reserve(bytes);
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
    return wait;
  }
}
