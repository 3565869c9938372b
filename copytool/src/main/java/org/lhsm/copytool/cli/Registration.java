package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.LustreAccess;
import org.lhsm.copytool.engine.NanoClock;
import org.lhsm.copytool.engine.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent, waiting out a registration that lingers after a crash. After a kill -9 the
 * coordinator (Lustre up to 2.17) keeps the dead copytool registered until it next sends that agent
 * work and finds its pipe gone (EPIPE); until then a new registration on the same client mount is
 * refused with EEXIST, and every refused attempt wakes the coordinator, which then tries the dead
 * agent with any waiting work. So EEXIST is retried with back-off (one warning naming the cause and
 * what clears it, not a line per attempt) for up to {@code --register-timeout}; other failures, and
 * EEXIST past the limit (a live copytool really holds the mount), end the start-up as before.
 */
final class Registration {
  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

  /** {@code --register-timeout}, in seconds. */
  static final int DEFAULT_TIMEOUT_SECONDS = 120;

  static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final LustreAccess access;
  private final Duration limit;
  private final BooleanSupplier stopRequested;
  private final NanoClock clock;
  private final Sleeper sleeper;

  Registration(
      LustreAccess access,
      Duration limit,
      BooleanSupplier stopRequested,
      NanoClock clock,
      Sleeper sleeper) {
    this.access = access;
    this.limit = limit;
    this.stopRequested = stopRequested;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Registers on {@code mount}; empty when a stop was requested while waiting.
   *
   * @throws IOException the registration's failure (EEXIST once the limit has passed)
   */
  Optional<ActionSource> register(Path mount, List<Integer> archiveIds) throws IOException {
    long start = clock.nanoTime();
    long deadline = start + limit.toNanos();
    Duration pause = FIRST_PAUSE;
    int refused = 0;
    while (true) {
      try {
        ActionSource source = access.register(mount, archiveIds);
        if (refused > 0) {
          LOG.info(
              "registered on '{}' after {} refused attempts in {} s",
              mount,
              refused,
              String.format(java.util.Locale.ROOT, "%.1f", (clock.nanoTime() - start) / 1e9));
        }
        return Optional.of(source);
      } catch (IOException e) {
        if (Errno.numberOf(e, Errno.EIO) != Errno.EEXIST.number()
            || clock.nanoTime() + pause.toNanos() > deadline) {
          throw e;
        }
        if (refused++ == 0) {
          LOG.warn(
              "registration on '{}' refused with EEXIST: an agent is already registered on this"
                  + " client mount, either a live copytool or one that died without"
                  + " unregistering (kill -9, crash), which the coordinator forgets only when it next"
                  + " sends it work and finds it gone; every attempt wakes the coordinator, so"
                  + " queued work clears it. Retrying for up to {} s (--register-timeout)",
              mount,
              limit.toSeconds());
        }
      }
      if (stopRequested.getAsBoolean()) {
        return Optional.empty();
      }
      try {
        sleeper.sleepNanos(pause.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      if (stopRequested.getAsBoolean()) {
        return Optional.empty();
      }
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }
}
