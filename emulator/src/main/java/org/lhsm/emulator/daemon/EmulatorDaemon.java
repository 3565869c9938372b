package org.lhsm.emulator.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.lhsm.emulator.cdt.Clock;
import org.lhsm.emulator.cdt.Coordinator;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.fs.AtomicFiles;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.emulator.journal.GroupCommit;
import org.lhsm.emulator.log.RequestLog;
import org.lhsm.emulator.params.ParamTree;
import org.lhsm.emulator.server.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running emulated MDT for one filesystem directory. */
public final class EmulatorDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorDaemon.class);

  /** The coordinator thread's wake-up without events (housekeeping, parameter writes). */
  private static final long TICK_NANOS = 1_000_000_000L;

  /** How often the coordinator thread looks for parameter files written by others. */
  private static final long PARAM_WRITES_NANOS = 200_000_000L;

  private final Object lock = new Object();
  private final FsLayout layout;
  private final Clock clock;
  private final Object wake = new Object();
  private boolean wakeFlag;
  private volatile boolean running;

  /** Guards start against close: a stop that arrives mid-start waits for it to finish. */
  private final Object lifecycle = new Object();

  private boolean closed;
  private String fsname;
  private MountTable mounts;
  private EmulatedFs fs;
  private RequestLog log;
  private Coordinator cdt;
  private ParamTree params;
  private GroupCommit commits;
  private ParamPublisher publisher;
  private long lastParamWritesCheck;
  private volatile SocketServer server;

  /**
   * An event signalled by an operation on the server thread: it runs the wake-up after its batch.
   */
  private boolean serverEvent;

  private Thread ticker;

  public EmulatorDaemon(Path dir, Clock clock) {
    this.layout = new FsLayout(dir);
    this.clock = clock;
  }

  /**
   * Creates or opens the filesystem with at least {@code mountCount} mounts and serves it. The
   * socket is bound last, so a client that can connect finds everything stop needs in place (pid
   * file, coordinator thread); a {@link #close} racing with start waits for it, then stops.
   */
  public void start(String requestedFsname, int mountCount) throws IOException {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("daemon for " + layout.dir() + " was stopped before start");
      }
      startLocked(requestedFsname, mountCount);
    }
  }

  private void startLocked(String requestedFsname, int mountCount) throws IOException {
    fsname = layout.create(requestedFsname);
    Files.setPosixFilePermissions(layout.fidDir(), PosixFilePermissions.fromString("rwx------"));
    mounts = new MountTable(layout);
    mounts.ensure(mountCount);
    commits = GroupCommit.start("emu-commit");
    fs = new EmulatedFs(layout, commits);
    log = new RequestLog(layout.requestLog(), commits);
    cdt = new Coordinator(fs, log, mounts, clock, fsname);
    params = new ParamTree(layout.params(), fsname);
    publisher = new ParamPublisher(cdt, params);
    synchronized (lock) {
      cdt.recover();
      applyPersistentParams();
      publisher.publish(true);
    }
    cdt.setOnEvent(this::wake);
    AtomicFiles.write(layout.pidFile(), ProcessHandle.current().pid() + "\n");
    running = true;
    ticker = new Thread(this::tickLoop, "emu-coordinator");
    ticker.setDaemon(true);
    ticker.start();
    SocketServer s = new SocketServer(layout.socket(), new Ops(this));
    try {
      s.start();
    } catch (IOException e) {
      stopLocked();
      throw e;
    }
    server = s;
    LOG.info("emulator for {} serving {} on {}", fsname, layout.fs(), layout.socket());
  }

  private void applyPersistentParams() throws IOException {
    if (!Files.exists(layout.persistentParams())) {
      return;
    }
    for (String line : Files.readAllLines(layout.persistentParams())) {
      int eq = line.indexOf('=');
      if (line.isBlank() || line.startsWith("#") || eq < 0) {
        continue;
      }
      String name = line.substring(0, eq).trim().replace('.', '/');
      try {
        cdt.setParam(name, line.substring(eq + 1));
      } catch (HsmException e) {
        LOG.error("{}: {} rejected: {}", layout.persistentParams(), line, e.getMessage());
      }
    }
  }

  public Object lock() {
    return lock;
  }

  public Coordinator coordinator() {
    return cdt;
  }

  public EmulatedFs fs() {
    return fs;
  }

  public FsLayout layout() {
    return layout;
  }

  public String fsname() {
    return fsname;
  }

  public MountTable mounts() {
    return mounts;
  }

  public ParamTree params() {
    return params;
  }

  /** The group commit of the request log and the FID table: what acknowledgements wait for. */
  public GroupCommit commits() {
    return commits;
  }

  /**
   * Brings the parameter files up to date after an operation (called with {@link #lock()} held),
   * within their publication budget (see {@link ParamPublisher}); files left for later are
   * published by the coordinator thread when due.
   */
  void publishParams() {
    publish(false);
  }

  private void publish(boolean force) {
    if (publisher.publish(force)) {
      synchronized (wake) {
        wake.notifyAll(); // the coordinator thread's wait ends when they are due
      }
    }
  }

  /**
   * Asks for a coordinator wake-up soon: on the server thread (an operation signalled it) the
   * server runs it after its current batch of operations ({@link #afterBatch()}), so a busy daemon
   * wakes no other thread per event; from any other thread the coordinator thread runs it.
   */
  public void wake() {
    SocketServer s = server;
    if (s != null && s.onServerThread()) {
      serverEvent = true;
      return;
    }
    synchronized (wake) {
      wakeFlag = true;
      wake.notifyAll();
    }
  }

  /** On the server thread after a batch of operations: the wake-up they asked for, if any. */
  void afterBatch() {
    for (int i = 0; serverEvent && i < 4; i++) {
      serverEvent = false;
      tick(false);
    }
    if (serverEvent) {
      serverEvent = false;
      synchronized (wake) {
        wakeFlag = true;
        wake.notifyAll();
      }
    }
  }

  /**
   * The coordinator thread: a wake-up on every event signalled outside the server thread, and at
   * least every second; lists left for later by {@link ParamPublisher} are rendered when due.
   */
  private void tickLoop() {
    long lastTick = System.nanoTime();
    while (running) {
      boolean event;
      synchronized (wake) {
        if (!wakeFlag) {
          long wait =
              Math.min(TICK_NANOS - (System.nanoTime() - lastTick), publisher.nanosUntilDue());
          if (wait > 0) {
            try {
              wake.wait(Math.max(1, wait / 1_000_000), 0);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        event = wakeFlag;
        wakeFlag = false;
      }
      if (!running) {
        return;
      }
      try {
        long now = System.nanoTime();
        if (event || now - lastTick >= TICK_NANOS) {
          lastTick = now;
          tick(false);
        } else if (publisher.nanosUntilDue() == 0) {
          synchronized (lock) {
            publisher.publish(false);
          }
        }
      } catch (RuntimeException e) {
        LOG.error("coordinator loop failed", e);
      }
    }
  }

  /**
   * One coordinator wake-up now: parameter writes by others, scans, then every parameter file
   * refreshed (the tests' and embedders' hook; the coordinator thread looks for parameter writes
   * every 200 ms and renders the lists within their budget).
   */
  public void tickNow() {
    tick(true);
  }

  private void tick(boolean now) {
    synchronized (lock) {
      long t = System.nanoTime();
      if (now || t - lastParamWritesCheck >= PARAM_WRITES_NANOS) {
        lastParamWritesCheck = t;
        applyParamWrites();
      }
      cdt.tick();
      publish(now);
    }
  }

  /**
   * Applies parameter files written by others since the last look. On real Lustre {@code lctl
   * set_param} returns once the MDT applied the value; here a write is only a file, so it is
   * applied before anything that must come after it (a user request: {@code hsm_control=disabled}
   * then {@code lfs hsm_archive} must leave the request WAITING), besides every 200 ms. Called with
   * the lock held.
   */
  void applyParamWrites() {
    Map<String, String> writes = params.foreignWrites(Coordinator.WRITABLE);
    for (Map.Entry<String, String> w : writes.entrySet()) {
      try {
        cdt.setParam(w.getKey(), w.getValue());
        LOG.info("parameter {} set to '{}'", w.getKey(), w.getValue().trim());
      } catch (HsmException e) {
        LOG.error(
            "parameter {}: value '{}' rejected ({}), keeping the old value",
            w.getKey(),
            w.getValue().trim(),
            e.getMessage());
      }
      params.republish(w.getKey(), cdt.param(w.getKey()));
    }
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      if (running) {
        stopLocked();
      }
    }
  }

  private void stopLocked() {
    running = false;
    wake();
    synchronized (lock) {
      cdt.shutdownAgents();
    }
    if (server != null) {
      server.close();
    }
    try {
      ticker.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      log.close();
      fs.close();
      Files.deleteIfExists(layout.pidFile());
    } catch (IOException e) {
      LOG.warn("stop: {}", e.toString());
    } finally {
      commits.close();
    }
    LOG.info("emulator for {} stopped", fsname);
  }
}
