package org.lhsm.bindings.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a state with a deadline, re-checking it; never waits a fixed time. */
final class Await {
  static final Duration DEFAULT = Duration.ofSeconds(60);
  private static final long RECHECK_NANOS = 10_000_000;

  private Await() {}

  /** Returns once {@code condition} holds, else fails naming {@code what}. */
  static void until(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + DEFAULT.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + DEFAULT + " waiting for " + what);
      }
      LockSupport.parkNanos(RECHECK_NANOS);
    }
  }
}
