package org.lhsm.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process started by a test, its output kept in a log file. The test owns it: {@link
 * #close()} kills it and every descendant by PID. Exits are awaited on {@link Process#onExit()},
 * not polled.
 */
public class OwnedProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String name;

  protected OwnedProcess(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    this.name = name;
    this.log = log;
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Files.writeString(log, "# " + String.join(" ", command) + "\n");
    this.process = pb.start();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return log;
  }

  /** The last lines of the log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e + ")";
    }
  }

  /** SIGTERM to the process itself (its own handler is what is under test). */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL to the process and all its descendants, children first seen before the parent. */
  public void kill() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Waits for exit within the scaled deadline; fails with the log tail otherwise. */
  public int awaitExit(Duration base) throws InterruptedException {
    Duration d = Await.scaled(base);
    try {
      return process.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS).exitValue();
    } catch (TimeoutException e) {
      throw new AssertionError(
          name
              + " (pid "
              + pid()
              + ") still running after "
              + d.toSeconds()
              + " s; log:\n"
              + logTail(),
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Kills the whole tree if anything is left and waits until the process is gone. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    if (process.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      for (ProcessHandle h : tree) {
        h.onExit().join();
      }
    }
    process.onExit().join();
  }
}
