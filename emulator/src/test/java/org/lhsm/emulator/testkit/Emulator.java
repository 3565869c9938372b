package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A running emulated filesystem in a directory owned by the test: started by {@link
 * EmulatorLauncher}, as a child process ({@link EmulatorProcess}) or in this JVM on a manual clock
 * ({@link InProcessEmulator}). {@link #close()} stops the daemon and deletes the directory.
 */
public abstract sealed class Emulator implements AutoCloseable
    permits EmulatorProcess, InProcessEmulator {
  private final Path dir;
  private final int mountCount;
  private final boolean keep;
  private volatile String fsname;

  Emulator(Path dir, String fsname, int mountCount, boolean keep) {
    this.dir = dir;
    this.fsname = fsname;
    this.mountCount = mountCount;
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
    return mountCount;
  }

  void fsname(String name) {
    this.fsname = name;
  }

  /**
   * Client mount {@code n}, 1-based as the emulator names them: 1 = {@code mnt}, 2 = {@code mnt2}.
   */
  public Path mount(int n) {
    if (n < 1 || n > mountCount) {
      throw new IllegalArgumentException("mount " + n + " of " + mountCount);
    }
    return dir.resolve(n == 1 ? "mnt" : "mnt" + n);
  }

  /** Every client mount, {@code mount(1)} first. */
  public List<Path> mounts() {
    List<Path> all = new ArrayList<>();
    for (int n = 1; n <= mountCount; n++) {
      all.add(mount(n));
    }
    return all;
  }

  /** The daemon's UNIX socket. */
  public Path socket() {
    return dir.resolve("state/emulator.sock");
  }

  /** The daemon's pid file. */
  public Path pidFile() {
    return dir.resolve("state/emulator.pid");
  }

  /** Root of the parameter tree ({@code agentctl --param-root}). */
  public Path paramRoot() {
    return dir.resolve("state/params");
  }

  /**
   * The parameter file {@code name} of the MDT, e.g. {@code hsm/actions} or {@code hsm_control}.
   */
  public Path paramFile(String name) {
    return paramRoot().resolve("mdt/" + fsname + "-MDT0000/" + name);
  }

  /** The current value of coordinator parameter {@code name} ({@code hsm/actions}, ...). */
  public abstract String param(String name) throws IOException;

  /** Sets coordinator parameter {@code name} and returns once the daemon applied it. */
  public abstract void set(String name, String value) throws Exception;

  /** Stops the daemon (its copytools get the shutdown frame); the directory stays. */
  public abstract int stop() throws InterruptedException;

  /** Starts the daemon again on the same directory, after {@link #stop} or a crash. */
  public abstract void restart() throws IOException, InterruptedException;

  /** Stops the daemon if it runs, then deletes the directory (unless the launcher kept it). */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      release();
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  /** Releases what outlives {@link #stop} (the child process handle); idempotent. */
  void release() {}

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + fsname + " in " + dir;
  }
}
