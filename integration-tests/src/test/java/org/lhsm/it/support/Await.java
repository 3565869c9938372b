package org.lhsm.it.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for a condition on observable state (a file's HSM flags, a queue record, an agent line)
 * until a deadline. Every deadline is multiplied by {@code -Dlhsm.timeoutScale} so a slow VM only
 * changes how long a failure takes to be reported, never whether a correct run passes.
 */
public final class Await {
  /** Base deadline for one HSM step (dispatch + copy of a few MiB) on an unloaded machine. */
  public static final Duration STEP = Duration.ofSeconds(60);

  private static final long MIN_POLL_NANOS = Duration.ofMillis(5).toNanos();
  private static final long MAX_POLL_NANOS = Duration.ofMillis(200).toNanos();

  private Await() {}

  /** The factor of {@code lhsm.timeoutScale} (default 1); rejects nonsense with its value. */
  public static double scale() {
    String v = System.getProperty("lhsm.timeoutScale", "").strip();
    if (v.isEmpty()) {
      return 1;
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lhsm.timeoutScale '" + v + "' is not a number", e);
    }
    if (!(d > 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("lhsm.timeoutScale '" + v + "' must be > 0");
    }
    return d;
  }

  /** {@code base} times the scale. */
  public static Duration scaled(Duration base) {
    return Duration.ofNanos((long) (base.toNanos() * scale()));
  }

  /**
   * Probes until {@code done} accepts the value, and returns it. The state has no change
   * notification (it lives in the MDT, or in the emulator daemon), so it is polled with a short
   * back-off; the scaled deadline alone decides failure, and the message carries the last value.
   */
  public static <T> T until(
      String what, Duration base, Callable<? extends T> probe, Predicate<? super T> done)
      throws Exception {
    long deadline = System.nanoTime() + scaled(base).toNanos();
    long pause = MIN_POLL_NANOS;
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = probe.call();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (Exception e) {
        lastError = e;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        AssertionError e =
            new AssertionError(
                "timed out after "
                    + scaled(base).toSeconds()
                    + " s waiting for "
                    + what
                    + "; last value: "
                    + last
                    + " (raise -Dlhsm.timeoutScale on a slow machine)");
        if (lastError != null) {
          e.addSuppressed(lastError);
        }
        throw e;
      }
      Thread.sleep(Duration.ofNanos(Math.min(pause, left)).toMillis() + 1);
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
    }
  }

  /** {@link #until} with the {@link #STEP} deadline. */
  public static <T> T until(String what, Callable<? extends T> probe, Predicate<? super T> done)
      throws Exception {
    return until(what, STEP, probe, done);
  }
}
