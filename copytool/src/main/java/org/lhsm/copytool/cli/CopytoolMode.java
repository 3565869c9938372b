package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.ArchiveBackends;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.engine.NanoClock;
import org.lhsm.copytool.engine.Sleeper;
import org.lhsm.copytool.metrics.CopytoolMetrics;
import org.lhsm.copytool.posix.ArchiveMaintenance;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.copytool.s3.S3ArchiveBackend;
import org.lhsm.copytool.s3.S3Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copytool mode: register, serve until signal or kernel shutdown (compat spec §7). */
final class CopytoolMode {
  private static final Logger LOG = LoggerFactory.getLogger(CopytoolMode.class);

  /** How long a stop waits for a registration in progress before leaving without it. */
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(10);

  private static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

  private final Settings s;

  CopytoolMode(Settings s) {
    this.s = s;
  }

  EngineConfig engineConfig(String fsname) {
    JhsmtoolCommand c = s.cmd();
    return EngineConfig.defaults()
        .withMaxJobs(c.maxJobs)
        .withQueueCapacity(c.queueSize)
        .withUpdateInterval(Duration.ofSeconds(s.updateIntervalSeconds()))
        .withChunkSize((int) c.chunkSize)
        .withBandwidth(c.bandwidth)
        .withDryRun(c.dryRun)
        .withAbortOnError(c.abortOnError)
        .withShutdownGrace(Duration.ofSeconds(c.shutdownGrace))
        .withExpectedFsname(fsname);
  }

  int run() throws ModeRunner.ExitException {
    JhsmtoolCommand c = s.cmd();
    if (s.usesPosix()) {
      ModeRunner.checkHsmRoot(s.hsmRoot());
    }
    Path mnt = Path.of(s.operands().get(0));
    String fsname;
    try {
      fsname = c.access().fsname(mnt);
    } catch (IOException e) {
      throw new ModeRunner.ExitException(
          Errno.numberOf(e, Errno.EIO),
          "cannot find a Lustre filesystem mounted at '" + mnt + "': " + e.getMessage());
    }
    if (c.daemon && !Daemonizer.isChild()) {
      try {
        long pid = Daemonizer.relaunch(Main.originalArgs());
        LOG.debug("copytool continues in the background as pid {}", pid);
        return 0;
      } catch (IOException e) {
        throw new ModeRunner.ExitException(
            Errno.numberOf(e, Errno.EIO), "cannot daemonize: " + e.getMessage());
      }
    }
    if (Main.ownsProcess()) {
      ProcessName.set(c.progName());
    }
    PidFile pid = null;
    MountLock mountLock = null;
    AutoCloseable fifo = null;
    CopytoolMetrics metrics = null;
    AutoCloseable takeover = null;
    S3Store store = null;
    try {
      if (c.pidFile != null) {
        try {
          pid = PidFile.acquire(c.pidFile, ProcessHandle.current().pid());
        } catch (IOException e) {
          throw new ModeRunner.ExitException(Errno.numberOf(e, Errno.EIO), e.getMessage());
        }
      }
      mountLock = lockMount(c, mnt, s.archiveIds());
      if (s.usesPosix()) {
        removeStaleTemporaries();
      }
      if (s.s3().isPresent()) {
        store = S3Backends.openChecked(s.s3().get());
      }
      if (c.eventFifo != null) {
        try {
          fifo = c.access().registerEventFifo(c.eventFifo);
        } catch (IOException e) {
          throw new ModeRunner.ExitException(
              Errno.numberOf(e, Errno.EIO),
              "failed to open event fifo '" + c.eventFifo + "': " + e.getMessage());
        }
      }
      StopRequest stop =
          new StopRequest(
              System.err, status -> Runtime.getRuntime().halt(status), REGISTRATION_WAIT);
      if (Main.ownsProcess()) {
        Signals.install(stop::onSignal);
      }
      if (stop.requested()) {
        return 0; // stopped before anything was registered
      }
      ActionSource source;
      try {
        Optional<ActionSource> registered =
            new Registration(
                    c.access(),
                    Duration.ofSeconds(c.registerTimeout),
                    stop::requested,
                    NanoClock.SYSTEM,
                    Sleeper.SYSTEM)
                .register(mnt, s.archiveIds());
        if (registered.isEmpty()) {
          return 0; // stopped while waiting for the registration
        }
        source = registered.get();
      } catch (IOException e) {
        throw new ModeRunner.ExitException(
            Errno.numberOf(e, Errno.EIO), "cannot start copytool interface: " + e.getMessage());
      }
      S3Store s3Store = store;
      ArchiveBackends backends =
          new BackendRouter(
              s.backends(),
              s.usesPosix() ? new PosixArchiveBackend(s.posixOptions()) : null,
              s3Store == null ? null : id -> new S3ArchiveBackend(s3Store, fsname, id));
      Engine engine = Engine.perArchive(source, backends, engineConfig(fsname));
      if (c.metricsPort > 0) {
        metrics = new CopytoolMetrics();
        metrics.bind(engine);
        engine.setListener(metrics);
        try {
          metrics.start(c.metricsAddress, c.metricsPort);
        } catch (IOException e) {
          closeQuietly(source);
          throw new ModeRunner.ExitException(
              Errno.numberOf(e, Errno.EIO),
              "cannot serve metrics on " + c.metricsAddress + ":" + c.metricsPort + ": " + e);
        }
      }
      if (c.takeoverDir != null) {
        try {
          takeover = c.access().startTakeoverSpool(source, mnt, c.takeoverDir);
        } catch (IOException e) {
          closeQuietly(source);
          throw new ModeRunner.ExitException(
              Errno.numberOf(e, Errno.EIO), "cannot use --takeover-dir: " + e.getMessage());
        }
      }
      stop.attach(engine);
      Engine.Result r = engine.run();
      if (stop.requested()) {
        // a stop asked for and carried out: unlike the stock tool's _exit(1), report success
        return 0;
      }
      return switch (r.cause()) {
        case REQUESTED -> 0;
        case KERNEL_SHUTDOWN -> Errno.ESHUTDOWN.number();
        case ABORT_ON_ERROR -> r.errno();
      };
    } finally {
      closeQuietly(takeover);
      closeQuietly(metrics);
      closeQuietly(store);
      closeQuietly(fifo);
      closeQuietly(mountLock);
      closeQuietly(pid);
    }
  }

  /**
   * The per-mount lock; a lock directory that cannot be used is a warning, not a failure: the
   * copytool still serves, only a second one on the mount would not be kept out.
   */
  private static MountLock lockMount(JhsmtoolCommand c, Path mnt, List<Integer> archiveIds)
      throws ModeRunner.ExitException {
    try {
      return MountLock.acquire(c.lockDir, mnt, c.access().clientUuid(mnt), archiveIds);
    } catch (IOException e) {
      int errno = Errno.numberOf(e, Errno.EIO);
      if (errno == Errno.EEXIST.number()) {
        throw new ModeRunner.ExitException(errno, e.getMessage());
      }
      LOG.warn(
          "cannot lock '{}' in '{}' ({}): a second jhsmtool on this mount would not be refused;"
              + " see --lock-dir",
          mnt,
          c.lockDir,
          Optional.ofNullable(e.getMessage()).orElse(e.toString()));
      return null;
    }
  }

  private void removeStaleTemporaries() {
    try {
      int n =
          new ArchiveMaintenance(s.paths()).removeStaleTemporaries(STALE_TEMP_AGE, Instant.now());
      if (n > 0) {
        LOG.info("removed {} stale temporary files from '{}'", n, s.hsmRoot());
      }
    } catch (IOException e) {
      LOG.warn("cannot scan '{}' for stale temporary files: {}", s.hsmRoot(), e.getMessage());
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("cleanup failed: {}", Optional.ofNullable(e.getMessage()).orElse(e.toString()));
    }
  }
}
