package org.lhsm.bench.throughput;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs external commands ({@code cp}, {@code sync}) to completion with a deadline, their output
 * appended to one log file. A command still running at its deadline is killed by PID.
 */
public final class Commands {
  private final Path log;
  private final Duration timeout;

  public Commands(Path log, Duration timeout) {
    this.log = log;
    this.timeout = timeout;
  }

  /** Runs {@code cmd}; a non-zero exit is an {@link IOException} with the log's tail. */
  public void run(List<String> cmd) throws IOException, InterruptedException {
    Files.writeString(
        log,
        "$ " + String.join(" ", cmd) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectErrorStream(true)
            .start();
    int rc = await(p, cmd);
    if (rc != 0) {
      throw new IOException("'" + String.join(" ", cmd) + "' exited with " + rc + ": " + tail(log));
    }
  }

  /** First line of a command's standard output (e.g. a version), or "" if it cannot run. */
  public static String firstLine(List<String> cmd) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.onExit().get(30, TimeUnit.SECONDS);
      return out.lines().findFirst().orElse("").strip();
    } catch (IOException | ExecutionException | TimeoutException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private int await(Process p, List<String> cmd) throws IOException, InterruptedException {
    try {
      return p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS).exitValue();
    } catch (TimeoutException e) {
      p.destroyForcibly();
      p.onExit().join();
      throw new IOException(
          "'" + String.join(" ", cmd) + "' still running after " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(" + log + " unreadable)";
    }
  }
}
