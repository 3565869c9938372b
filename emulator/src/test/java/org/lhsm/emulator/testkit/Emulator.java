package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A running emulated filesystem in a directory owned by the test, started by {@link
 * EmulatorLauncher} as a child process ({@link EmulatorProcess}) or in this JVM ({@link
 * InProcessEmulator}). {@link #close()} stops the daemon and deletes the directory.
 */
public abstract sealed class Emulator implements AutoCloseable
    permits EmulatorProcess, InProcessEmulator {
  private final Path dir;
  private final String fsname;
  private final int mounts;
  private volatile boolean keep;

  Emulator(Path dir, String fsname, int mounts, boolean keep) {
    this.dir = dir;
    this.fsname = fsname;
    this.mounts = mounts;
    this.keep = keep;
  }

  /** The emulated filesystem's directory ({@code fs/}, {@code mnt*}, {@code state/}). */
  public Path dir() {
    return dir;
  }

  public String fsname() {
    return fsname;
  }

  int mountCount() {
    return mounts;
  }

  /**
   * Client mount {@code n}, numbered as the emulator names them: 1 = {@code mnt}, 2 = {@code mnt2}.
   */
  public Path mount(int n) {
    if (n < 1 || n > mounts) {
      throw new IllegalArgumentException("mount " + n + " of " + mounts);
    }
    return dir.resolve(n == 1 ? "mnt" : "mnt" + n);
  }

  /** The daemon's UNIX socket. */
  public Path socket() {
    return dir.resolve("state/emulator.sock");
  }

  /** Root of the parameter tree ({@code agentctl --param-root}). */
  public Path paramRoot() {
    return dir.resolve("state/params");
  }

  /** The MDT's parameter file {@code name}, e.g. {@code hsm/actions} or {@code hsm_control}. */
  public Path paramFile(String name) {
    return paramRoot().resolve("mdt/" + fsname + "-MDT0000/" + name);
  }

  /** The current value of coordinator parameter {@code name} ({@code hsm/actions}, ...). */
  public abstract String param(String name) throws IOException;

  /** Sets coordinator parameter {@code name}; returns once the daemon applied it. */
  public abstract void set(String name, String value) throws Exception;

  /** Stops the daemon (its copytools get the shutdown frame) and returns its exit status. */
  public abstract int stop() throws InterruptedException;

  /** Starts the daemon again on the same directory, after {@link #stop} or a crash. */
  public abstract void restart() throws IOException, InterruptedException;

  /**
   * Keeps the directory at {@link #close} whatever the launcher said: the evidence of a failed
   * check (the request log, the FID table, the files).
   */
  public void keepDirectory() {
    keep = true;
  }

  /** Stops the daemon if it runs, then deletes the directory (unless it is kept). */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      release();
    }
    if (!keep && Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Releases what outlives {@link #stop}; idempotent. */
  void release() {}

  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + fsname + " in " + dir;
  }
}
