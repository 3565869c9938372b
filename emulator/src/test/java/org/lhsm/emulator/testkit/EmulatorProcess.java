package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The emulator daemon as a child JVM ({@code lhsm-emulator start DIR --foreground}) owned by the
 * test: stopped by PID (SIGTERM, SIGKILL after the grace period) when closed, or by a shutdown
 * hook; {@link #kill9()} for crash tests, {@link #restart()} on the same directory. Its output is
 * appended to {@link #log()} at every start. Used by one thread.
 */
public final class EmulatorProcess extends Emulator {
  private static final String READY = "export LHSM_LIBLUSTREAPI=";

  private final List<String> command;
  private final Path log;
  private final Path library;
  private final Duration startTimeout;
  private final Duration stopGrace;
  private ChildProcess child;

  EmulatorProcess(
      Path dir, String fsname, int mounts, boolean keep, List<String> command, Path log, Path lib) {
    super(dir, fsname, mounts, keep);
    this.command = List.copyOf(command);
    this.log = log;
    this.library = lib;
    this.startTimeout = Duration.ofSeconds(90);
    this.stopGrace = Duration.ofSeconds(30);
  }

  /**
   * Starts the daemon and returns once it printed its {@code export} line: by then its socket
   * answers and its stop hook is in place (a SIGTERM sends the shutdown frames).
   */
  @Override
  public void restart() throws IOException {
    if (child != null && child.isAlive()) {
      throw new IllegalStateException(this + " is still running (pid " + child.pid() + ")");
    }
    release();
    int from = Files.exists(log) ? Files.readString(log).length() : 0;
    ChildProcess started = ChildProcess.start("lhsm-emulator", command, Map.of(), log);
    child = started;
    Await.until(
        "lhsm-emulator serving " + dir() + " (log " + log + ")",
        startTimeout,
        () -> {
          if (!started.isAlive()) {
            throw new AssertionError(started + " exited before serving:\n" + started.logTail());
          }
          return Files.readString(log).substring(from).contains(READY);
        });
  }

  public long pid() {
    return child.pid();
  }

  /** The daemon's standard output and error. */
  public Path log() {
    return log;
  }

  /** The end of {@link #log()}, for failure messages. */
  public String logTail() {
    return child.logTail();
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
    return child.stop(stopGrace);
  }

  /** {@code kill -9}: nothing is cleaned up, as in a crash. Returns the exit status. */
  public int kill9() {
    return child.kill9();
  }

  /** The content of parameter file {@code name}. */
  @Override
  public String param(String name) throws IOException {
    return Files.readString(paramFile(name));
  }

  /**
   * Writes a tunable's parameter file (as {@code lctl set_param} would) and waits until the daemon
   * applied it: at its next wake-up it replaces the file with one showing the value.
   */
  @Override
  public void set(String name, String value) throws IOException {
    Path f = paramFile(name);
    Object before = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
    Files.writeString(f, value + "\n");
    Await.until(
        name + "=" + value + " applied by " + this,
        () -> Files.readAttributes(f, BasicFileAttributes.class).fileKey() + " " + param(name),
        now -> !now.startsWith(Objects.toString(before) + " ") && now.endsWith(" " + value + "\n"));
  }

  @Override
  void release() {
    if (child != null) {
      child.close();
    }
  }
}
