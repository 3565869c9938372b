package org.lhsm.emulator.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process owned by the test (or harness) that started it: its standard output and error are
 * appended to a log file, after a line with the command. It is stopped by PID: {@link #stop} sends
 * SIGTERM and SIGKILL past a deadline, {@link #close()} kills whatever is left of it and its
 * descendants, and a shutdown hook stops it if the JVM exits first. Exits are awaited on {@link
 * Process#onExit()}, not polled.
 */
public class ChildProcess implements AutoCloseable {
  private static final int TAIL_LINES = 40;

  private final String name;
  private final Path log;
  private final Process process;
  private final Thread hook;

  /** Starts {@code command} with {@code env} added to this JVM's environment. */
  protected ChildProcess(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    this.name = name;
    this.log = log;
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.writeString(
        log,
        "# " + String.join(" ", command) + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    this.process = pb.start();
    this.hook = new Thread(this::stopAtExit, name + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code command}; see the class comment. */
  public static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    return new ChildProcess(name, command, env, log);
  }

  /** The JVM running this code, to start child JVMs of the same version. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return log;
  }

  /** The last lines of the log, for failure messages. */
  public String logTail() {
    return tail(log, TAIL_LINES);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + file + " unreadable: " + e + ")";
    }
  }

  /** SIGTERM to the process itself; its own handler is usually what is under test. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL to the process and its descendants ({@code kill -9}), and waits until it is gone. */
  public int kill9() {
    killTree();
    return process.onExit().join().exitValue();
  }

  /** Waits for the exit within the scaled deadline; fails with the log tail otherwise. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    Duration d = Await.scaled(timeout);
    try {
      return process.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS).exitValue();
    } catch (TimeoutException e) {
      throw new AssertionError(
          this + " still running after " + d.toSeconds() + " s; log " + log + ":\n" + logTail(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * SIGTERM, then SIGKILL (with descendants) if it has not exited within the scaled {@code grace};
   * returns the exit status.
   */
  public int stop(Duration grace) throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      try {
        return awaitExit(grace);
      } catch (AssertionError ignoredSigterm) {
        System.err.println(this + " ignored SIGTERM: killing it");
        return kill9();
      }
    }
    return process.exitValue();
  }

  /** The JVM exits with the child still there: SIGTERM, SIGKILL after five seconds. */
  private void stopAtExit() {
    process.destroy();
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      killTree();
    }
  }

  private void killTree() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    tree.forEach(h -> h.onExit().join());
  }

  /** Kills what is left (the process and its descendants) and waits until it is gone. */
  @Override
  public void close() {
    if (process.isAlive() || process.descendants().findAny().isPresent()) {
      killTree();
    }
    process.onExit().join();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway and finds the process gone
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
