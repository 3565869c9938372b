package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmClient;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.Copytool;

/**
 * The distribution's launcher under the stock name, started as sanity-hsm.sh's {@code copytool
 * setup} does: {@code lhsmtool_posix --daemon --pid-file=F ... MOUNT < /dev/null > log 2>&1}. The
 * command returns 0, and by then the PID file names a live process called {@code *hsmtool*} whose
 * last command-line word is the mount; SIGTERM to that PID unregisters it and it goes. Both
 * targets.
 */
class DaemonLauncherIT extends HsmSuite {
  private long daemonPid = -1;

  /** The daemon is not our child: stop it by PID whatever the test did. */
  @AfterEach
  void stopDaemon() throws Exception {
    Optional<ProcessHandle> h = ProcessHandle.of(daemonPid);
    if (h.isPresent() && h.get().isAlive()) {
      h.get().destroyForcibly();
      h.get().onExit().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void daemonModeReturnsWithThePidFileWrittenAndStopsOnSigterm() throws Exception {
    Path launcher = Path.of(System.getProperty("lhsm.copytool.launcher", "")).toAbsolutePath();
    assertThat(launcher).as("lhsm.copytool.launcher").isRegularFile();
    Path bin = Files.createDirectories(scratch.resolve("bin"));
    Path stockName = Files.createSymbolicLink(bin.resolve("lhsmtool_posix"), launcher);
    Path pidFile = scratch.resolve("lhsmtool_posix.pid");
    Path root = Files.createDirectories(scratch.resolve("arc1"));
    Path log = scratch.resolve("copytool.log");
    Path mount = target.agentMounts().get(0);

    List<String> cmd = new ArrayList<>();
    cmd.add(stockName.toString());
    cmd.add("--hsm-root=" + root + "/");
    cmd.add("--daemon");
    cmd.add("--pid-file=" + pidFile);
    cmd.add("--archive");
    cmd.add("1");
    cmd.add(mount.toString());
    Map<String, String> env = new HashMap<>(target.childEnvironment());
    env.put("JAVA", ChildProcess.java());
    env.put("JHSMTOOL_JAR", Copytool.jar().toString());
    env.put("JHSMTOOL_JAVA_OPTS", String.join(" ", target.childJvmOptions()));
    try (ChildProcess setup = ChildProcess.start("lhsmtool_posix --daemon", cmd, env, log)) {
      assertThat(setup.awaitExit(Await.DEFAULT)).as("exit status of the --daemon command").isZero();
    }

    // no waiting here: sanity-hsm signals through the PID file right after setup returns
    assertThat(pidFile).as("PID file when the command returned").exists();
    daemonPid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle daemon = ProcessHandle.of(daemonPid).orElseThrow();
    assertThat(daemon.isAlive()).isTrue();
    assertThat(Files.readString(Path.of("/proc", Long.toString(daemonPid), "comm")).strip())
        .as("process name (pgrep hsmtool)")
        .contains("hsmtool");
    String[] words =
        Files.readString(Path.of("/proc", Long.toString(daemonPid), "cmdline")).split("\0");
    assertThat(words[words.length - 1]).as("last command-line word").isEqualTo(mount.toString());

    String uuid = HsmClient.agentUuid(mount);
    Await.until(
        "the daemon registered as agent " + uuid,
        () -> agentctl.ok("agents", "--json").out(),
        out -> AgentCtlRunner.hasJsonField(out, "uuid", uuid));

    Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(daemonPid)}).waitFor();
    daemon.onExit().get(Await.scaled(Await.DEFAULT).toSeconds(), TimeUnit.SECONDS);
    assertThat(AgentCtlRunner.hasJsonField(agentctl.ok("agents", "--json").out(), "uuid", uuid))
        .as("agent %s unregistered; log:\n%s", uuid, Files.readString(log))
        .isFalse();
  }
}
