package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;
import org.lhsm.it.targets.Target;
import org.lhsm.it.targets.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every IT: one target per test class (a fresh emulated filesystem, or the real mount), one
 * directory on it per test, and the copytools a test starts, which are stopped by PID after it.
 * Requests and coordinator commands go through agentctl (in-process); file states are read
 * independently through the bindings.
 */
abstract class HsmSuite {
  private static final Logger LOG = LoggerFactory.getLogger(HsmSuite.class);
  private static final Pattern TUNABLE_JSON =
      Pattern.compile("\"name\":\"(?:hsm\\.)?([^\"]+)\",\"value\":\"([^\"]*)\"");

  static Target target;
  static AgentCtlRunner agentctl;

  /** This test's directory on the client mount. */
  Path dir;

  /** Local scratch space (HSM roots): never on Lustre. */
  @TempDir Path scratch;

  private final List<Copytool> copytools = new ArrayList<>();
  private Path logDir;

  @BeforeAll
  static void openTarget() throws Exception {
    target = Targets.open();
    agentctl = new AgentCtlRunner(target.paramRoot());
    LOG.info("target: {}", target.description());
    try {
      AgentCtlRunner.Result status = agentctl.ok("coordinator", "status", "--json");
      if (!AgentCtlRunner.hasJsonField(status.out(), "state", "enabled")) {
        throw new IllegalStateException(
            "the HSM coordinator of "
                + target.description()
                + " is not enabled (lctl set_param mdt.*.hsm_control=enabled): "
                + status);
      }
    } catch (RuntimeException | Error e) {
      target.close();
      target = null;
      throw e;
    }
  }

  @AfterAll
  static void closeTarget() throws Exception {
    if (target != null) {
      target.close();
      target = null;
    }
  }

  @BeforeEach
  void createTestDirectory(TestInfo info) throws IOException {
    String cls = info.getTestClass().map(Class::getSimpleName).orElse("IT");
    String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
    dir = target.newTestDirectory(cls + "-" + method);
    logDir =
        Path.of(System.getProperty("lhsm.test.logDir", "target/it-logs"))
            .resolve(cls)
            .resolve(method);
    Files.createDirectories(logDir);
    // the logs stay after the run for a look, and a copytool's log is appended to: the files of an
    // earlier run of the same test would be read as this run's (RegistrationIT counts lines)
    try (var old = Files.newDirectoryStream(logDir, "*.log")) {
      for (Path f : old) {
        Files.delete(f);
      }
    }
  }

  /** Stops every copytool of the test: SIGTERM (clean unregister), SIGKILL past the deadline. */
  @AfterEach
  void stopCopytools() throws InterruptedException {
    for (Copytool ct : copytools) {
      ct.stop(Duration.ofSeconds(60));
      ct.close();
    }
    copytools.clear();
  }

  /** A log file of this test (named {@code name}), next to its copytools' logs. */
  Path logFile(String name) {
    return logDir.resolve(name);
  }

  // ------------------------------------------------------------------ copytools

  /** Starts a copytool on {@code mount} with its own HSM root and waits until it is an agent. */
  Copytool startCopytool(String name, Path mount, String... extra) throws Exception {
    Copytool ct = launchCopytool(name, mount, extra);
    awaitRegistered(ct);
    return ct;
  }

  /** {@link #startCopytool} with a given HSM root (e.g. the archive of a stopped copytool). */
  Copytool startCopytool(String name, Path mount, Path hsmRoot, String... extra) throws Exception {
    Copytool ct = launchCopytool(name, mount, hsmRoot, extra);
    awaitRegistered(ct);
    return ct;
  }

  /** Starts a copytool without waiting for its registration. */
  Copytool launchCopytool(String name, Path mount, String... extra) throws IOException {
    return launchCopytool(name, mount, scratch.resolve(name + "-archive"), extra);
  }

  Copytool launchCopytool(String name, Path mount, Path hsmRoot, String... extra)
      throws IOException {
    Files.createDirectories(hsmRoot);
    Path log = logDir.resolve(name + "-" + copytools.size() + ".log");
    Copytool ct = Copytool.start(target, name, mount, hsmRoot, log, List.of(extra));
    copytools.add(ct);
    return ct;
  }

  /** Starts Lustre's lhsmtool_posix (see {@link StockCopytool}) and waits until it is an agent. */
  Copytool startStockCopytool(
      String name, Path executable, Path mount, Path hsmRoot, String... extra) throws Exception {
    Files.createDirectories(hsmRoot);
    Path log = logDir.resolve(name + "-" + copytools.size() + ".log");
    Copytool ct =
        Copytool.startStock(target, name, executable, mount, hsmRoot, log, List.of(extra));
    copytools.add(ct);
    awaitRegistered(ct);
    return ct;
  }

  /** The mount's agent UUID is listed by {@code agentctl agents} while the process lives. */
  void awaitRegistered(Copytool ct) throws Exception {
    String uuid = HsmClient.agentUuid(ct.mount());
    Await.until(
        ct + " registered as agent " + uuid,
        () -> {
          if (!ct.isAlive()) {
            throw new AssertionError(ct + " exited before registering; log:\n" + ct.logTail());
          }
          return agentctl.ok("agents", "--json").out();
        },
        out -> AgentCtlRunner.hasJsonField(out, "uuid", uuid));
  }

  /** The first MDT's {@code hsm_control} state as agentctl reads it (enabled, stopped, …). */
  static String coordinatorState() {
    String out = agentctl.ok("coordinator", "status", "--json").out();
    for (String s : new String[] {"enabled", "disabled", "stopped", "shutdown", "init"}) {
      if (AgentCtlRunner.hasJsonField(out, "state", s)) {
        return s;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ files and states

  static Set<HsmState> flags(Path f) throws IOException {
    return HsmClient.state(f).states();
  }

  /** Waits until the file's HSM flags satisfy {@code ok}; returns them. */
  static Set<HsmState> awaitFlags(Path f, String what, Predicate<Set<HsmState>> ok)
      throws Exception {
    return Await.until(f + " " + what, () -> EnumSet.copyOf(flags(f)), ok);
  }

  static Set<HsmState> awaitArchived(Path f) throws Exception {
    return awaitFlags(
        f,
        "archived (exists archived, not dirty)",
        s ->
            s.contains(HsmState.EXISTS)
                && s.contains(HsmState.ARCHIVED)
                && !s.contains(HsmState.DIRTY));
  }

  static HsmCurrentAction currentAction(Path f) throws IOException {
    return HsmClient.currentAction(f);
  }

  /** Waits until a copytool runs {@code action} on the file. */
  static void awaitRunning(Path f, UserAction action) throws Exception {
    Await.until(
        f + " " + action + " running",
        () -> currentAction(f),
        a -> a.action() == action && a.state() == ProgressState.RUNNING);
  }

  /** Waits until no HSM action is pending or running on the file. */
  static void awaitIdle(Path f) throws Exception {
    Await.until(f + " idle (no current HSM action)", () -> currentAction(f), HsmSuite::isIdle);
  }

  static boolean isIdle(HsmCurrentAction a) {
    return !a.isPending();
  }

  /** Records of the coordinator queue for the file, filtered like {@code agentctl requests}. */
  static String requests(Path f, String... filters) throws IOException {
    List<String> args = new ArrayList<>(List.of("requests", "--json"));
    args.add("--fid");
    args.add(HsmClient.path2fid(f).toString());
    args.addAll(List.of(filters));
    return agentctl.ok(args.toArray(String[]::new)).out().strip();
  }

  /** Current values of the named coordinator tunables (first MDT), via agentctl. */
  static Map<String, String> tunables(String... names) {
    List<String> args = new ArrayList<>(List.of("tunables", "get", "--json"));
    args.addAll(List.of(names));
    String out = agentctl.ok(args.toArray(String[]::new)).out();
    Map<String, String> values = new LinkedHashMap<>();
    Matcher m = TUNABLE_JSON.matcher(out);
    while (m.find()) {
      values.putIfAbsent(m.group(1), m.group(2));
    }
    for (String n : names) {
      if (!values.containsKey(n)) {
        throw new AssertionError("agentctl printed no value for tunable " + n + ": " + out);
      }
    }
    return values;
  }

  static void assertSameContent(Path actual, String expectedSha256) throws IOException {
    assertThat(TestData.sha256(actual)).as("SHA-256 of %s", actual).isEqualTo(expectedSha256);
  }
}
