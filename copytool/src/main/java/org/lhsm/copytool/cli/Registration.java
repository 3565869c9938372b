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
 * Registers the agent, waiting out a coordinator that is not running yet. A copytool started with
 * its node (or restarted by systemd) may come up before the MDT has HSM enabled or while the MDT
 * restarts: the registration is then refused with ENXIO (coordinator stopped), ENOTCONN (no MDT
 * reachable) or EINPROGRESS (coordinator starting). Those are retried with back-off (one warning
 * naming the cause, not a line per attempt) for up to {@code --register-timeout}; other failures
 * end the start-up at once. (A registration on a mount where a dead copytool's agent lingers is not
 * refused on Lustre 2.16: the client ignores the MDT's EEXIST, so a restart after kill -9 registers
 * at once.)
 */
final class Registration {
  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

  /** {@code --register-timeout}, in seconds. */
  static final int DEFAULT_TIMEOUT_SECONDS = 120;

  /** What a coordinator that is stopped, starting or out of reach answers. */
  private static final java.util.Set<Integer> RETRIED =
      java.util.Set.of(Errno.ENXIO.number(), Errno.ENOTCONN.number(), Errno.EINPROGRESS.number());

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
   * @throws IOException the registration's failure (a retried one once the limit has passed)
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
        int errno = Errno.numberOf(e, Errno.EIO);
        if (!RETRIED.contains(errno) || clock.nanoTime() + pause.toNanos() > deadline) {
          throw e;
        }
        if (refused++ == 0) {
          LOG.warn(
              "registration on '{}' refused with {}: the HSM coordinator is not running (hsm_control"
                  + " not 'enabled' yet, or the MDT is restarting). Retrying for up to {} s"
                  + " (--register-timeout)",
              mount,
              Errno.nameOf(errno),
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
