package org.lhsm.emulator.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waits for observable state (a file's HSM flags, a parameter file, a counter) until a deadline:
 * the state is probed with a short back-off, never waited for with a fixed sleep. Every deadline is
 * multiplied by {@code -Dlhsm.timeoutScale} (default 1), so a slow machine only changes how long a
 * failure takes to be reported. A failure names what was awaited and the last value observed.
 */
public final class Await {
  /** Deadline of one step (a dispatch and a copy of a few MiB) on an unloaded machine. */
  public static final Duration DEFAULT = Duration.ofSeconds(60);

  private static final long MIN_POLL_NANOS = Duration.ofMillis(1).toNanos();
  private static final long MAX_POLL_NANOS = Duration.ofMillis(100).toNanos();

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
   * Probes until {@code done} accepts the value and returns that value. A probe that throws an
   * exception is retried (the state may be in transition); an {@link Error} (a failed assertion in
   * the probe) ends the wait at once. Past the scaled deadline this fails with an {@link
   * AssertionError} naming {@code what} and the last value (the last exception as its cause), as
   * does an interrupt (the thread stays interrupted).
   */
  public static <T> T until(
      String what, Duration timeout, Callable<? extends T> probe, Predicate<? super T> done) {
    Duration limit = scaled(timeout);
    Polled<T> p = poll(limit, probe, done);
    if (p.interrupted != null || Thread.currentThread().isInterrupted()) {
      throw interrupted(what, p.interrupted);
    }
    if (p.met) {
      return p.last;
    }
    throw new AssertionError(
        "timed out after "
            + limit.toMillis() / 1000.0
            + " s waiting for "
            + what
            + "; last value: "
            + (p.lastError != null ? p.lastError : p.last)
            + (scale() == 1 ? " (raise -Dlhsm.timeoutScale on a slow machine)" : ""),
        p.lastError);
  }

  /**
   * Whether {@code condition} holds within the scaled {@code window}, probed as {@link #until}
   * does: for callers to whom a condition that never came is a finding to report, not a failure (an
   * interrupt returns false and leaves the thread interrupted).
   */
  public static boolean within(Duration window, Callable<Boolean> condition) {
    Polled<Boolean> p = poll(scaled(window), condition, Boolean.TRUE::equals);
    if (p.interrupted != null) {
      Thread.currentThread().interrupt();
    }
    return p.met;
  }

  private record Polled<T>(
      boolean met, T last, Exception lastError, InterruptedException interrupted) {}

  private static <T> Polled<T> poll(
      Duration limit, Callable<? extends T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + limit.toNanos();
    long pause = MIN_POLL_NANOS;
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = probe.call();
        lastError = null;
        if (done.test(last)) {
          return new Polled<>(true, last, null, null);
        }
      } catch (InterruptedException e) {
        return new Polled<>(false, last, lastError, e);
      } catch (Exception e) {
        lastError = e;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new Polled<>(false, last, lastError, null);
      }
      LockSupport.parkNanos(Math.min(pause, left));
      if (Thread.currentThread().isInterrupted()) {
        return new Polled<>(false, last, lastError, null);
      }
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
    }
  }

  /** An interrupt ends the wait as a failure; the thread stays interrupted. */
  private static AssertionError interrupted(String what, InterruptedException cause) {
    Thread.currentThread().interrupt();
    return new AssertionError("interrupted while waiting for " + what, cause);
  }

  /** {@link #until(String, Duration, Callable, Predicate)} with the {@link #DEFAULT} deadline. */
  public static <T> T until(String what, Callable<? extends T> probe, Predicate<? super T> done) {
    return until(what, DEFAULT, probe, done);
  }

  /** Waits until {@code condition} holds. */
  public static void until(String what, Duration timeout, Callable<Boolean> condition) {
    until(what, timeout, condition, Boolean.TRUE::equals);
  }

  /** Waits until {@code condition} holds, within the {@link #DEFAULT} deadline. */
  public static void until(String what, Callable<Boolean> condition) {
    until(what, DEFAULT, condition);
  }
}
