package org.lhsm.agentctl.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Rate and ETA of one running request from successive observations of its bytes done.
 *
 * <p>The coordinator learns progress only when the copytool reports it (every {@code
 * --update-interval}, 30 s by default for both jhsmtool and lhsmtool_posix, each report carrying
 * the bytes copied since the previous one), so the observed count moves in steps. A rate is
 * therefore taken between <em>changes</em>: over the changes seen within {@link #WINDOW_INTERVALS}
 * report intervals of the newest one, the bytes added after the oldest change divided by the time
 * between them. With a single change the time of the report before it is unknown (the first
 * observation may have come late); the bytes it added are then spread over at least one report
 * interval. Progress that went backwards (the request was retried and starts over) restarts the
 * estimate. A request whose count has not moved for {@link #STALL_INTERVALS} report intervals is
 * stalled: no rate, no ETA.
 */
public final class EtaEstimator {
  /** Changes older than this many report intervals before the newest are not used for the rate. */
  public static final int WINDOW_INTERVALS = 5;

  /** No change for this many report intervals: stalled. */
  public static final int STALL_INTERVALS = 3;

  /** Change points kept at most. */
  private static final int MAX_POINTS = 64;

  /** What is known about the request now. */
  public record Estimate(
      long done,
      OptionalLong total,
      OptionalDouble bytesPerSecond,
      Optional<Duration> eta,
      boolean stalled,
      Optional<Duration> sinceLastChange) {}

  private record Point(Instant at, long done) {}

  private final Duration reportInterval;
  private Point anchor;
  private Instant lastSeen;
  private final Deque<Point> changes = new ArrayDeque<>();

  /**
   * @param reportInterval how often the copytool reports progress (its {@code --update-interval})
   */
  public EtaEstimator(Duration reportInterval) {
    if (reportInterval.isNegative() || reportInterval.isZero()) {
      throw new IllegalArgumentException("report interval must be positive: " + reportInterval);
    }
    this.reportInterval = reportInterval;
  }

  /** Records that {@code done} bytes were reported done at {@code at} (observations in order). */
  public void observe(Instant at, long done) {
    if (lastSeen != null && at.isBefore(lastSeen)) {
      throw new IllegalArgumentException("observation at " + at + " before " + lastSeen);
    }
    lastSeen = at;
    long previous =
        changes.isEmpty() ? (anchor == null ? -1 : anchor.done()) : changes.getLast().done();
    if (anchor == null || done < previous) {
      anchor = new Point(at, done);
      changes.clear();
      return;
    }
    if (done == previous) {
      return;
    }
    changes.addLast(new Point(at, done));
    if (changes.size() > MAX_POINTS) {
      changes.removeFirst();
    }
  }

  /** The bytes done last observed (0 before any observation). */
  public long done() {
    return changes.isEmpty() ? (anchor == null ? 0 : anchor.done()) : changes.getLast().done();
  }

  /**
   * The estimate at {@code now}.
   *
   * @param total the request's size in bytes, if known (the file size for a whole-file request)
   */
  public Estimate estimate(Instant now, OptionalLong total) {
    long done = done();
    if (anchor == null) {
      return new Estimate(
          0, total, OptionalDouble.empty(), Optional.empty(), false, Optional.empty());
    }
    Point last = changes.isEmpty() ? anchor : changes.getLast();
    Duration quiet = Duration.between(last.at(), now);
    if (quiet.isNegative()) {
      quiet = Duration.ZERO;
    }
    Optional<Duration> since = changes.isEmpty() ? Optional.empty() : Optional.of(quiet);
    boolean finished = total.isPresent() && done >= total.getAsLong();
    boolean stalled =
        !finished
            && lastSeen != null
            && Duration.between(last.at(), lastSeen)
                    .compareTo(reportInterval.multipliedBy(STALL_INTERVALS))
                > 0;
    if (stalled) {
      return new Estimate(done, total, OptionalDouble.empty(), Optional.empty(), true, since);
    }
    OptionalDouble rate = rate();
    Optional<Duration> eta = Optional.empty();
    if (finished) {
      eta = Optional.of(Duration.ZERO);
    } else if (total.isPresent() && rate.isPresent() && rate.getAsDouble() > 0) {
      double seconds = (total.getAsLong() - done) / rate.getAsDouble() - seconds(quiet);
      eta = Optional.of(Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000)));
    }
    return new Estimate(done, total, rate, eta, false, since);
  }

  /** Whether a rate can be given yet (at least one change after the first observation). */
  public boolean hasRate() {
    return !changes.isEmpty();
  }

  private OptionalDouble rate() {
    if (changes.isEmpty()) {
      return OptionalDouble.empty();
    }
    Point newest = changes.getLast();
    if (changes.size() == 1) {
      double span =
          Math.max(seconds(reportInterval), seconds(Duration.between(anchor.at(), newest.at())));
      return OptionalDouble.of((newest.done() - anchor.done()) / span);
    }
    Instant from = newest.at().minus(reportInterval.multipliedBy(WINDOW_INTERVALS));
    Point oldest = null;
    for (Iterator<Point> it = changes.descendingIterator(); it.hasNext(); ) {
      Point p = it.next();
      if (p == newest) {
        continue;
      }
      if (oldest != null && p.at().isBefore(from)) {
        break;
      }
      oldest = p;
    }
    double span = seconds(Duration.between(oldest.at(), newest.at()));
    if (span <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((newest.done() - oldest.done()) / span);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
