package org.lhsm.bench.footprint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorProcess;

/**
 * One copytool child process serving archive 1 of an emulator mount, started at {@link
 * #startNanos()}; its output goes to a log file. Stopped with SIGTERM (SIGKILL after a minute) by
 * {@link #close()}. Only one copytool is registered on the emulator at a time, so "registered" is
 * "{@code hsm.agents} lists an agent".
 */
final class CopytoolChild implements AutoCloseable {
  private static final long POLL_MILLIS = 2;

  private final Tool tool;
  private final EmulatorProcess emu;
  private final ChildProcess child;
  private final long startNanos;

  private CopytoolChild(Tool tool, EmulatorProcess emu, ChildProcess child, long startNanos) {
    this.tool = tool;
    this.emu = emu;
    this.child = child;
    this.startNanos = startNanos;
  }

  static CopytoolChild start(Tool tool, EmulatorProcess emu, Path hsmRoot, Path mount, Path log)
      throws IOException {
    Map<String, String> env = new HashMap<>(tool.env());
    if (tool.stock()) {
      // lhsmtool_posix links liblustreapi.so.1: the emulation library stands in for it
      env.put("LD_LIBRARY_PATH", emu.library().getParent().toString());
    } else {
      env.putAll(emu.environment());
    }
    long t0 = System.nanoTime();
    ChildProcess c = ChildProcess.start(tool.name(), tool.command(hsmRoot, mount), env, log);
    return new CopytoolChild(tool, emu, c, t0);
  }

  long pid() {
    return child.pid();
  }

  long startNanos() {
    return startNanos;
  }

  /**
   * Polls {@code hsm.agents} every 2 ms until an agent is listed; returns nanoseconds since the
   * start.
   */
  long awaitRegistered(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      if (Agents.read(emu).registered() > 0) {
        return System.nanoTime() - startNanos;
      }
      if (!child.isAlive()) {
        throw new IOException(tool.name() + " exited before registering:\n" + child.logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            tool.name() + " not registered after " + limit.toSeconds() + " s:\n" + child.logTail());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Waits (polling every 10 ms) until no agent is listed any more. */
  void awaitUnregistered(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (Agents.read(emu).registered() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            tool.name()
                + " still registered "
                + limit.toSeconds()
                + " s after"
                + " it was stopped");
      }
      Thread.sleep(10);
    }
  }

  String logTail() {
    return child.logTail();
  }

  /** SIGTERM, SIGKILL after a minute; returns the exit status. */
  int stop() throws InterruptedException {
    return child.stop(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    child.close();
  }
}
