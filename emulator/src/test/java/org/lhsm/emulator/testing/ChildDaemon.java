package org.lhsm.emulator.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.lhsm.emulator.cli.EmulatorMain;
import org.lhsm.emulator.server.SocketServer;

/** The daemon started as a child JVM ({@code start DIR --foreground}); owned by the test. */
public final class ChildDaemon implements AutoCloseable {
  private final Process process;

  private ChildDaemon(Process process) {
    this.process = process;
  }

  public static ChildDaemon start(Path dir, int mounts) throws IOException {
    Files.createDirectories(dir);
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            EmulatorMain.class.getName(),
            "start",
            dir.toString(),
            "--mounts",
            Integer.toString(mounts),
            "--foreground");
    File log = dir.resolveSibling(dir.getFileName() + "-daemon.log").toFile();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    ChildDaemon d = new ChildDaemon(p);
    Path socket = dir.resolve("state/emulator.sock");
    Await.until(
        "child daemon answers on " + socket,
        Duration.ofSeconds(60),
        () -> {
          if (!p.isAlive()) {
            throw new AssertionError("child daemon exited with " + p.exitValue() + ", see " + log);
          }
          return SocketServer.answers(socket);
        });
    return d;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL and wait. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and wait; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
