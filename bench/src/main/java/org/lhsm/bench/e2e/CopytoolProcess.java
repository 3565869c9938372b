package org.lhsm.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lhsm.bench.report.ProcStat;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copytool child process on the emulator's second mount, owned by the harness and stopped by PID
 * (SIGTERM, SIGKILL after 30 s). Its registration time runs from just before the process is started
 * to the first poll of {@code hsm/agents} that lists a new agent.
 */
final class CopytoolProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CopytoolProcess.class);
  private static final Duration REGISTER_POLL = Duration.ofMillis(1);

  private final EmulatorProcess emu;
  private final ChildProcess child;
  private final String uuid;
  private final double registrationSeconds;
  private final double registrationCpuSeconds;

  private CopytoolProcess(
      EmulatorProcess emu, ChildProcess child, String uuid, double seconds, double cpuSeconds) {
    this.emu = emu;
    this.child = child;
    this.uuid = uuid;
    this.registrationSeconds = seconds;
    this.registrationCpuSeconds = cpuSeconds;
  }

  /** Starts {@code peer} serving archive id 1 into {@code hsmRoot}; returns once registered. */
  static CopytoolProcess start(
      Peer peer, EmulatorProcess emu, Path hsmRoot, Path log, Duration timeout) throws IOException {
    Set<String> before = uuids(emu.param("hsm/agents"));
    Map<String, String> env = new HashMap<>(emu.environment());
    env.putAll(peer.env());
    List<String> cmd = peer.commandLine(hsmRoot, emu.mount(2));
    long t0 = System.nanoTime();
    ChildProcess child = ChildProcess.start(peer.name(), cmd, env, log);
    String[] found = new String[1];
    long[] at = new long[1];
    try {
      Poll.every(
          REGISTER_POLL,
          timeout,
          peer.name() + " registered (log " + log + ")",
          now -> {
            if (!child.isAlive()) {
              throw new IOException(peer.name() + " exited:\n" + child.logTail());
            }
            for (String u : uuids(emu.param("hsm/agents"))) {
              if (!before.contains(u)) {
                found[0] = u;
                at[0] = now;
                return true;
              }
            }
            return false;
          });
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
    double seconds = (at[0] - t0) / 1e9;
    // the CPU the start took: under load, what the process needed against what it waited for
    double cpu = ProcStat.cpuSeconds(child.pid());
    LOG.info(
        "{} (pid {}) registered as {} in {} ms",
        peer.name(),
        child.pid(),
        found[0],
        Math.round(seconds * 1000));
    return new CopytoolProcess(emu, child, found[0], seconds, cpu);
  }

  private static Set<String> uuids(String agents) {
    return AgentLine.parse(agents).stream().map(AgentLine::uuid).collect(Collectors.toSet());
  }

  long pid() {
    return child.pid();
  }

  double registrationSeconds() {
    return registrationSeconds;
  }

  double registrationCpuSeconds() {
    return registrationCpuSeconds;
  }

  /** The emulator daemon's PID, whose CPU per case is reported next to the copytool's. */
  long emulatorPid() {
    return emu.pid();
  }

  /** This copytool's counters in {@code hsm/agents}; fails if it is no longer listed. */
  AgentLine counters() throws IOException {
    if (!child.isAlive()) {
      throw new IOException(child + " exited:\n" + child.logTail());
    }
    return AgentLine.of(emu.param("hsm/agents"), uuid)
        .orElseThrow(() -> new IOException("agent " + uuid + " no longer registered"));
  }

  /** SIGTERM, then waits until the coordinator no longer lists the agent (untimed). */
  @Override
  public void close() throws IOException {
    try {
      child.stop(Duration.ofSeconds(30));
      Await.until(
          "agent " + uuid + " unregistered",
          Duration.ofSeconds(30),
          () -> AgentLine.of(emu.param("hsm/agents"), uuid).isEmpty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (AssertionError e) {
      LOG.warn("{}", e.getMessage());
    } finally {
      child.close();
    }
  }
}
