package org.lhsm.copytool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.LustreAccess;
import org.lhsm.copytool.fakes.FakeActionSource;
import org.slf4j.LoggerFactory;

/** Registration before the coordinator runs: retried with back-off, one warning, bounded. */
class RegistrationTest {
  private static final Path MNT = Path.of("/mnt/lustre");

  /** Answers register with the queued errnos, then succeeds. */
  static final class ScriptedAccess implements LustreAccess {
    final Deque<Errno> failures = new ArrayDeque<>();
    int attempts;

    @Override
    public String fsname(Path mount) {
      return "lustre";
    }

    @Override
    public String clientUuid(Path mount) {
      return "scripted";
    }

    @Override
    public ActionSource register(Path mount, List<Integer> archiveIds) throws IOException {
      attempts++;
      Errno e = failures.poll();
      if (e != null) {
        throw new LustreException("llapi_hsm_copytool_register", mount.toString(), e.number());
      }
      return new FakeActionSource();
    }

    @Override
    public Fid importFile(Path dst, int archiveId, ImportAttributes attributes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AutoCloseable registerEventFifo(Path fifo) {
      return () -> {};
    }
  }

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Logger logger;
  private Level levelBefore;
  private long now;
  private final AtomicBoolean stop = new AtomicBoolean();

  @BeforeEach
  void capture() {
    logger = (Logger) LoggerFactory.getLogger(Registration.class);
    // the INFO lines are asserted: not left to the level another test may have set
    levelBefore = logger.getLevel();
    logger.setLevel(Level.INFO);
    log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void release() {
    logger.detachAppender(log);
    logger.setLevel(levelBefore);
  }

  private Registration registration(ScriptedAccess access, Duration limit) {
    return new Registration(access, limit, stop::get, () -> now, nanos -> now += nanos);
  }

  private List<String> at(Level level) {
    return log.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void aStoppedCoordinatorIsWaitedForWithOneWarning() throws IOException {
    ScriptedAccess access = new ScriptedAccess();
    for (int i = 0; i < 6; i++) {
      access.failures.add(i % 2 == 0 ? Errno.ENXIO : Errno.EINPROGRESS);
    }

    Optional<ActionSource> s =
        registration(access, Duration.ofSeconds(120)).register(MNT, List.of(1));

    assertThat(s).isPresent();
    assertThat(access.attempts).isEqualTo(7);
    assertThat(at(Level.WARN))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .contains("refused with ENXIO")
                    .contains("coordinator is not running")
                    .contains("--register-timeout"));
    assertThat(at(Level.INFO)).anySatisfy(i -> assertThat(i).contains("after 6 refused attempts"));
    // back-off: 0.25 + 0.5 + 1 + 2 + 4 + 5 s
    assertThat(Duration.ofNanos(now)).isEqualTo(Duration.ofMillis(12_750));
  }

  @Test
  void aCoordinatorStillDownPastTheLimitEndsTheStartWithItsErrno() {
    ScriptedAccess access = new ScriptedAccess();
    for (int i = 0; i < 100; i++) {
      access.failures.add(Errno.ENOTCONN);
    }

    assertThatThrownBy(() -> registration(access, Duration.ofSeconds(20)).register(MNT, List.of()))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOTCONN));
    assertThat(Duration.ofNanos(now)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    assertThat(at(Level.WARN)).hasSize(1);
  }

  @Test
  void aZeroTimeoutTriesOnceAsTheStockTool() {
    ScriptedAccess access = new ScriptedAccess();
    access.failures.add(Errno.ENXIO);

    assertThatThrownBy(() -> registration(access, Duration.ZERO).register(MNT, List.of()))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENXIO));
    assertThat(access.attempts).isEqualTo(1);
    assertThat(at(Level.WARN)).isEmpty();
  }

  @Test
  void otherFailuresAreNotRetried() {
    ScriptedAccess access = new ScriptedAccess();
    access.failures.add(Errno.EEXIST);

    assertThatThrownBy(() -> registration(access, Duration.ofSeconds(120)).register(MNT, List.of()))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST));
    assertThat(access.attempts).isEqualTo(1);
  }

  @Test
  void aStopWhileWaitingEndsTheWaitWithoutRegistering() throws IOException {
    ScriptedAccess access = new ScriptedAccess();
    for (int i = 0; i < 100; i++) {
      access.failures.add(Errno.ENXIO);
    }
    Registration r =
        new Registration(
            access,
            Duration.ofSeconds(120),
            stop::get,
            () -> now,
            nanos -> {
              now += nanos;
              stop.set(access.attempts >= 3);
            });

    assertThat(r.register(MNT, List.of())).isEmpty();
    assertThat(access.attempts).isEqualTo(3);
  }
}
