package org.lhsm.emulator.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process owned by the test (or harness) that started it: its output is appended to a log
 * file after a line with the command; it is stopped by PID ({@link #stop}: SIGTERM, SIGKILL after a
 * deadline; {@link #close()}: SIGKILL to what is left, descendants included), and by a shutdown
 * hook if the JVM exits first. Exits are awaited on {@link Process#onExit()}, not polled.
 */
public class ChildProcess implements AutoCloseable {
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
    String line = "# " + String.join(" ", command) + "\n";
    Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    this.process = pb.start();
    this.hook = new Thread(() -> stopAtExit(), name + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  public static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    return new ChildProcess(name, command, env, log);
  }

  /** How a command run to its end ended: exit status, standard output, standard error. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code command} to its end, {@code env} added to this JVM's environment (a null value
   * removes a variable), output and error captured apart. Past the scaled {@code timeout} it is
   * killed with its descendants and this fails with its error output.
   */
  public static Result run(List<String> command, Map<String, String> env, Duration timeout)
      throws IOException {
    Path out = Files.createTempFile("lhsm-run-", ".out");
    Path err = Files.createTempFile("lhsm-run-", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectInput(new File("/dev/null"))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      env.forEach((k, v) -> pb.environment().compute(k, (key, old) -> v));
      Process p = pb.start();
      Duration d = Await.scaled(timeout);
      try {
        int status = p.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS).exitValue();
        return new Result(status, Files.readString(out), Files.readString(err));
      } catch (TimeoutException | ExecutionException | InterruptedException e) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().onExit().join();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new AssertionError(
            command + " not done after " + d + ":\n" + Files.readString(err), e);
      }
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
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

  /** The last 40 lines of the log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e + ")";
    }
  }

  /** SIGTERM to the process itself; its own handler is usually what is under test. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL to the process and its descendants ({@code kill -9}); returns the exit status. */
  public int kill9() {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    tree.forEach(h -> h.onExit().join());
    return process.onExit().join().exitValue();
  }

  /** Waits for the exit within the scaled {@code timeout}; fails with the log tail otherwise. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    Duration d = Await.scaled(timeout);
    try {
      return process.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS).exitValue();
    } catch (TimeoutException e) {
      throw new AssertionError(
          this + " still running after " + d + "; log " + log + ":\n" + logTail(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, SIGKILL if still there after the scaled {@code grace}; returns the exit status. */
  public int stop(Duration grace) throws InterruptedException {
    terminate();
    try {
      return awaitExit(grace);
    } catch (AssertionError ignoredSigterm) {
      System.err.println(this + " ignored SIGTERM for " + grace + ": killing it");
      return kill9();
    }
  }

  private void stopAtExit() {
    try {
      stop(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      kill9();
    }
  }

  /** Kills what is left of the process and its descendants; idempotent. */
  @Override
  public void close() {
    kill9();
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
