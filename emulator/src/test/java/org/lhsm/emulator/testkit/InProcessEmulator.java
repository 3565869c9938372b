package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.emulator.cdt.Clock;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.daemon.EmulatorDaemon;

/**
 * The emulator daemon in this JVM, its time moved only by {@link #advance}: for the emulator's own
 * tests of time-dependent behaviour (timeouts, grace delay, loop period). Everything else runs the
 * daemon as a child ({@link EmulatorProcess}).
 */
public final class InProcessEmulator extends Emulator {
  private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);
  private final Clock clock = millis::get;
  private EmulatorDaemon daemon;

  private InProcessEmulator(Path dir, String fsname, int mounts, boolean keep) {
    super(dir, fsname, mounts, keep);
  }

  static InProcessEmulator start(Path dir, String fsname, int mounts, boolean keep)
      throws IOException {
    InProcessEmulator e = new InProcessEmulator(dir, fsname, mounts, keep);
    e.restart();
    return e;
  }

  public EmulatorDaemon daemon() {
    return daemon;
  }

  /** Creates a file in the filesystem (through the backing directory) with given content. */
  public Path file(String name, String content) throws IOException {
    Path p = daemon.fs().root().resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  /** Sets a coordinator parameter, validated as a write to its file would be. */
  @Override
  public void set(String param, String value) throws HsmException {
    synchronized (daemon.lock()) {
      daemon.coordinator().setParam(param, value);
    }
  }

  @Override
  public String param(String name) {
    synchronized (daemon.lock()) {
      return daemon.coordinator().params().get(name);
    }
  }

  /** Moves time and runs one coordinator wake-up. */
  public void advance(long seconds) {
    millis.addAndGet(seconds * 1000);
    daemon.tickNow();
  }

  @Override
  public int stop() {
    daemon.close();
    return 0;
  }

  /** A new daemon on the same directory and clock: an MDT restart. */
  @Override
  public void restart() throws IOException {
    if (daemon != null) {
      daemon.close();
    }
    daemon = new EmulatorDaemon(dir(), clock);
    daemon.start(fsname(), mountCount());
  }
}
