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
import org.lhsm.emulator.log.RequestLog;
import org.lhsm.emulator.params.ParamTree;
import org.lhsm.emulator.server.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running emulated MDT for one filesystem directory. */
public final class EmulatorDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorDaemon.class);
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
  private SocketServer server;
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
    fs = new EmulatedFs(layout);
    log = new RequestLog(layout.requestLog());
    cdt = new Coordinator(fs, log, mounts, clock, fsname);
    params = new ParamTree(layout.params(), fsname);
    synchronized (lock) {
      cdt.recover();
      applyPersistentParams();
      params.publish(cdt.params());
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

  /** Asks the coordinator thread to run soon. */
  public void wake() {
    synchronized (wake) {
      wakeFlag = true;
      wake.notifyAll();
    }
  }

  private void tickLoop() {
    while (running) {
      synchronized (wake) {
        if (!wakeFlag) {
          try {
            wake.wait(1000);
          } catch (InterruptedException e) {
            return;
          }
        }
        wakeFlag = false;
      }
      if (running) {
        try {
          tickNow();
        } catch (RuntimeException e) {
          LOG.error("coordinator loop failed", e);
        }
      }
    }
  }

  /** One coordinator wake-up: parameter writes, scans, then refreshed parameter files. */
  public void tickNow() {
    synchronized (lock) {
      applyParamWrites();
      cdt.tick();
      params.publish(cdt.params());
    }
  }

  private void applyParamWrites() {
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
      params.republish(w.getKey(), cdt.params().get(w.getKey()));
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
    }
    LOG.info("emulator for {} stopped", fsname);
  }
}
