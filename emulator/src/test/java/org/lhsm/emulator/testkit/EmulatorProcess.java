package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The emulator daemon as a child JVM ({@code lhsm-emulator start DIR --foreground}), owned by the
 * test: stopped by PID (SIGTERM, SIGKILL past the grace period) when closed or by a shutdown hook,
 * killed with {@link #kill9()} for crash tests, started again on the same directory with {@link
 * #restart()}. Its output goes to {@link #log()}, kept across restarts. Used by one thread.
 */
public final class EmulatorProcess extends Emulator {
  private static final String READY = "export LHSM_LIBLUSTREAPI=";
  private static final String FSNAME = "emulated filesystem ";

  private final List<String> command;
  private final Path log;
  private final Path library;
  private final Duration startTimeout;
  private final Duration stopGrace;
  private ChildProcess child;

  EmulatorProcess(
      Path dir,
      String fsname,
      int mounts,
      boolean keep,
      List<String> command,
      Path log,
      Path library,
      Duration startTimeout,
      Duration stopGrace) {
    super(dir, fsname, mounts, keep);
    this.command = List.copyOf(command);
    this.log = log;
    this.library = library;
    this.startTimeout = startTimeout;
    this.stopGrace = stopGrace;
  }

  /**
   * Starts the daemon (again) and returns once it printed its {@code export} line: by then its
   * socket answers and its stop hook is in place, so a SIGTERM sends the shutdown frames.
   */
  @Override
  public void restart() throws IOException, InterruptedException {
    if (child != null && child.isAlive()) {
      throw new IllegalStateException(this + " is still running (pid " + child.pid() + ")");
    }
    release();
    long from = Files.exists(log) ? Files.size(log) : 0;
    ChildProcess started = ChildProcess.start("lhsm-emulator", command, Map.of(), log);
    child = started;
    String output =
        Await.until(
            "lhsm-emulator serving " + dir() + " (log " + log + ")",
            startTimeout,
            () -> {
              String out = readFrom(from);
              if (!started.isAlive() && !out.contains(READY)) {
                throw new AssertionError(
                    "lhsm-emulator exited with status "
                        + started.awaitExit(Duration.ZERO)
                        + " before serving "
                        + dir()
                        + "; log "
                        + log
                        + ":\n"
                        + started.logTail());
              }
              return out;
            },
            out -> out.contains(READY));
    for (String line : output.split("\n")) {
      if (line.startsWith(FSNAME)) {
        fsname(line.substring(FSNAME.length()).split(" ", 2)[0]);
      }
    }
  }

  private String readFrom(long offset) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(
        all,
        (int) Math.min(offset, all.length),
        (int) Math.max(0, all.length - offset),
        StandardCharsets.UTF_8);
  }

  public long pid() {
    return child.pid();
  }

  public boolean isAlive() {
    return child != null && child.isAlive();
  }

  /** The daemon's standard output and error, every start appended. */
  public Path log() {
    return log;
  }

  /** The last lines of {@link #log()}, for failure messages. */
  public String logTail() {
    return ChildProcess.tail(log, 60);
  }

  /** The emulation library ({@code liblustreapi.so.1}) its clients load. */
  public Path library() {
    return library;
  }

  /** What a client process needs in its environment: {@code LHSM_LIBLUSTREAPI}. */
  public Map<String, String> environment() {
    return Map.of("LHSM_LIBLUSTREAPI", library.toString());
  }

  /** SIGTERM (the daemon sends the shutdown frames, removes socket and pid file), then SIGKILL. */
  @Override
  public int stop() throws InterruptedException {
    return child == null ? 0 : child.stop(stopGrace);
  }

  /** {@code kill -9}: nothing is cleaned up, as in a crash. Returns the exit status. */
  public int kill9() {
    return child.kill9();
  }

  /** The content of parameter file {@code name}. */
  @Override
  public String param(String name) throws IOException {
    return Files.readString(paramFile(name), StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code value} to a tunable's parameter file (as {@code lctl set_param} would) and waits
   * until the daemon applied it: at its next wake-up (within a second) it replaces the file with
   * one showing the value.
   */
  @Override
  public void set(String name, String value) throws IOException, InterruptedException {
    Path f = paramFile(name);
    Object before = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
    Files.writeString(
        f, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    Await.until(
        name + "=" + value + " applied by the daemon of " + dir(),
        () ->
            Objects.equals(Files.readAttributes(f, BasicFileAttributes.class).fileKey(), before)
                ? "(not rewritten yet) " + param(name).strip()
                : param(name).strip(),
        value::equals);
  }

  @Override
  void release() {
    if (child != null) {
      child.close();
    }
  }
}
