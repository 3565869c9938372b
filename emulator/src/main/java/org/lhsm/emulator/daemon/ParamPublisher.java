package org.lhsm.emulator.daemon;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.lhsm.emulator.cdt.Coordinator;
import org.lhsm.emulator.params.ParamTree;

/**
 * Keeps the parameter files up to date at a bounded cost. A file is replaced (temporary file and
 * rename, a few hundred microseconds on a journaling filesystem) only when its text changed. What
 * may have changed is known from the coordinator's versions, without rendering anything: the short
 * parameters (tunables, counts, {@code hsm_control}, {@code hsm/agents}) are rendered and compared
 * only after {@link Coordinator#smallVersion()} moved, the lists that grow with the load ({@code
 * hsm/actions}, {@code hsm/active_requests}) after their {@link Coordinator#listVersion}.
 * Publishing is within a budget: it may take a twentieth of the time (a credit that grows by
 * 1/{@value #FACTOR} of the elapsed time, up to {@value #CAP_MILLIS} ms, and shrinks by what each
 * publication cost, down to what it grows back in {@value #MAX_DELAY_MILLIS} ms). With credit left,
 * changed files are published before the operation that changed them is answered, as they always
 * were; under a load beyond it (every action changes {@code archive_count}, {@code hsm/agents} and
 * the lists) they are published once the credit allows, at the latest {@value #MAX_DELAY_MILLIS} ms
 * after the first change left for later, whatever the credit then, by the coordinator thread
 * ({@link #nanosUntilDue()}) or the next operation — except a change of the coordinator's shape
 * ({@link Coordinator#shapeVersion()}: state, tunables, agents), published before the operation is
 * answered whatever the budget, as a real MDT shows it. Not thread-safe: called with the daemon
 * lock held.
 */
final class ParamPublisher {
  static final long FACTOR = 20;
  static final long CAP_MILLIS = 20;
  static final long MAX_DELAY_MILLIS = 1000;
  private static final long CAP = CAP_MILLIS * 1_000_000L;

  /**
   * The most the credit goes below zero: what it grows back in {@value #MAX_DELAY_MILLIS} ms. A
   * forced publication costs what it costs (a daemon start renders every record on a cold JVM);
   * counted in full, its debt would keep every later change waiting for its credit long past the
   * maximum delay.
   */
  private static final long MAX_DEBT = MAX_DELAY_MILLIS * 1_000_000L / FACTOR;

  private static final long NONE = Long.MAX_VALUE;

  private final Coordinator cdt;
  private final ParamTree params;
  private final Map<String, Long> published = new HashMap<>();
  private long publishedSmall = -1;
  private long publishedShape = -1;
  private final LongSupplier nanoTime;
  private long credit = CAP;
  private long creditAt;
  private volatile long dueNanos = NONE;
  private long renders;
  private long deferrals;

  ParamPublisher(Coordinator cdt, ParamTree params) {
    this(cdt, params, System::nanoTime);
  }

  /** With the time source the budget is measured with (tests). */
  ParamPublisher(Coordinator cdt, ParamTree params, LongSupplier nanoTime) {
    this.cdt = cdt;
    this.params = params;
    this.nanoTime = nanoTime;
    this.creditAt = nanoTime.getAsLong();
  }

  /**
   * Publishes what changed, now if {@code force} or the budget allows, else it is due later.
   * Returns true if a list became due later (the caller makes sure the coordinator thread wakes for
   * it).
   */
  boolean publish(boolean force) {
    long small = cdt.smallVersion();
    boolean dirty = small != publishedSmall;
    for (String name : Coordinator.listParams()) {
      Long v = published.get(name);
      dirty |= v == null || v != cdt.listVersion(name);
    }
    if (!dirty) {
      dueNanos = NONE;
      return false;
    }
    long now = nanoTime.getAsLong();
    credit = Math.min(CAP, credit + (now - creditAt) / FACTOR);
    creditAt = now;
    long shape = cdt.shapeVersion();
    boolean due = dueNanos != NONE && now >= dueNanos;
    if (!force && !due && credit < 0 && shape == publishedShape) {
      // due when the credit is back, counted from the first change left for later: the changes
      // that follow do not put it off
      boolean newly = dueNanos == NONE;
      if (newly) {
        dueNanos = now + Math.min(-credit * FACTOR, MAX_DELAY_MILLIS * 1_000_000L);
      }
      deferrals++;
      return newly;
    }
    if (small != publishedSmall) {
      params.publish(cdt.smallParams());
      publishedSmall = small;
    }
    publishedShape = shape;
    for (String name : Coordinator.listParams()) {
      long v = cdt.listVersion(name);
      Long old = published.get(name);
      if (old == null || old != v) {
        params.publish(Map.of(name, cdt.param(name)));
        published.put(name, v);
      }
    }
    long end = nanoTime.getAsLong();
    credit = Math.max(credit - (end - now), -MAX_DEBT);
    creditAt = end;
    renders++;
    dueNanos = NONE;
    return false;
  }

  /** Nanoseconds until deferred lists are due (0: now), or {@link Long#MAX_VALUE} if none. */
  long nanosUntilDue() {
    long due = dueNanos;
    return due == NONE ? NONE : Math.max(0, due - nanoTime.getAsLong());
  }

  /** List renderings so far (for the daemon's statistics). */
  long renders() {
    return renders;
  }

  /** Operations whose list changes were left for a later rendering. */
  long deferrals() {
    return deferrals;
  }
}
