package org.lhsm.emulator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.daemon.EmulatorDaemon;

/** An in-process daemon on a temporary directory, driven by a manual clock. */
public final class DaemonFixture implements AutoCloseable {
  public final Path dir;
  public final ManualClock clock = new ManualClock();
  public final EmulatorDaemon daemon;

  public DaemonFixture(Path dir) throws IOException {
    this.dir = dir;
    daemon = new EmulatorDaemon(dir, clock);
    daemon.start("lustre", 2);
  }

  public Path socket() {
    return daemon.layout().socket();
  }

  public Path mnt(int n) {
    return daemon.layout().mountPath(n);
  }

  /** Creates a file in the filesystem (through the backing directory) with given content. */
  public Path file(String name, String content) throws IOException {
    Path p = daemon.fs().root().resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  public ProtocolClient client() throws IOException {
    return new ProtocolClient(socket());
  }

  public void set(String param, String value) throws HsmException {
    synchronized (daemon.lock()) {
      daemon.coordinator().setParam(param, value);
    }
  }

  public String param(String name) {
    synchronized (daemon.lock()) {
      Map<String, String> p = daemon.coordinator().params();
      return p.get(name);
    }
  }

  /** Moves time and runs one coordinator wake-up. */
  public void advance(long seconds) {
    clock.advanceSeconds(seconds);
    daemon.tickNow();
  }

  @Override
  public void close() {
    daemon.close();
  }
}
