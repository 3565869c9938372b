package org.lhsm.bench.emulator;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for state that lives in another process (the emulator's parameter files, a file's HSM
 * flags), which has no change notification: polled with a short back-off until a deadline.
 */
public final class Await {
  private static final long MIN_POLL_NANOS = Duration.ofMillis(5).toNanos();
  private static final long MAX_POLL_NANOS = Duration.ofMillis(100).toNanos();

  private Await() {}

  public static void until(String what, Duration limit, Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    long pause = MIN_POLL_NANOS;
    while (!condition.call()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(
            "timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(Math.min(pause, left));
      if (Thread.interrupted()) {
        throw new InterruptedException("waiting for " + what);
      }
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
    }
  }
}
