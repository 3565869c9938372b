package org.lhsm.bench.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-period poll for timed observations. The test kit's {@code Await} backs off up to 100 ms
 * between probes, which is right for untimed waits but would round every measured phase up to that.
 */
final class Poll {
  /** One probe: true when the observation is complete. */
  interface Probe {
    boolean done(long now) throws IOException;
  }

  private Poll() {}

  /** Calls {@code probe} every {@code period} until it is done; fails past {@code timeout}. */
  static void every(Duration period, Duration timeout, String what, Probe probe)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long now = System.nanoTime();
      if (probe.done(now)) {
        return;
      }
      if (now - deadline > 0) {
        throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(period.toNanos());
      if (Thread.currentThread().isInterrupted()) {
        throw new IOException("interrupted while waiting for " + what);
      }
    }
  }
}
