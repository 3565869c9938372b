package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * last command-line word is the mount; SIGTERM to that PID unregisters it and it goes. Then the
 * launcher's JVM set-up, through the same real script: the first start builds a class-data-sharing
 * archive in {@code JHSMTOOL_CACHE_DIR} (in the background) and a later start maps it, {@code
 * JHSMTOOL_CDS=off} creates no cache, a cache that cannot be created does not stop a start, and
 * {@code JHSMTOOL_JAVA_OPTS} overrides the launcher's JVM defaults. Both targets.
 */
class DaemonLauncherIT extends HsmSuite {
  /** A training run builds the archive with two JVMs at low priority: slow on a busy machine. */
  private static final Duration TRAINING = Duration.ofMinutes(5);

  /** Bounds a start that must not wait for its JVM: far below the launcher's 60-s wait. */
  private static final Duration SECOND_START = Duration.ofSeconds(20);

  private final List<Long> daemonPids = new ArrayList<>();
  private final List<Path> caches = new ArrayList<>();

  /**
   * The daemons are not our children: stop them by PID whatever the test did (SIGTERM first, so
   * that they unregister and the next test starts with no agent; SIGKILL if that does not work).
   */
  @AfterEach
  void stopDaemons() throws Exception {
    for (long pid : daemonPids) {
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      if (h.isPresent() && h.get().isAlive()) {
        Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(pid)}).waitFor();
        try {
          h.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          h.get().destroyForcibly();
          h.get().onExit().get(60, TimeUnit.SECONDS);
        }
      }
    }
    // a training the launcher started in the background ends by itself: wait for it
    for (Path cache : caches) {
      Await.until("no training run under way in " + cache, TRAINING, () -> !training(cache));
    }
  }

  @Test
  void daemonModeReturnsWithThePidFileWrittenAndStopsOnSigterm() throws Exception {
    Path mount = target.agentMounts().get(0);
    Map<String, String> env = launcherEnv();
    // no class-data-sharing cache here: the tests below cover it
    env.put("JHSMTOOL_CDS", "off");
    long pid = startDaemon("lhsmtool_posix", env);

    ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
    assertThat(daemon.isAlive()).isTrue();
    assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip())
        .as("process name (pgrep hsmtool)")
        .contains("hsmtool");
    List<String> words = commandLine(pid);
    assertThat(words.get(words.size() - 1))
        .as("last command-line word")
        .isEqualTo(mount.toString());

    String uuid = awaitRegistered();
    stop(pid, uuid);
  }

  /**
   * sanity-hsm 260b: a second {@code --daemon} start with the PID file of a running copytool. Its
   * JVM cannot lock the file, so the launcher must not wait for that JVM to start (15 s under
   * emulation, longer than the coordinator keeps the first copytool's finished requests): here its
   * "JVM" never starts at all, and the command still returns at once, the file naming the first.
   */
  @Test
  void aSecondStartWithThePidFileOfARunningCopytoolReturnsWithoutWaitingForItsJvm()
      throws Exception {
    Map<String, String> env = launcherEnv();
    env.put("JHSMTOOL_CDS", "off");
    long first = startDaemon("holder", env);
    String uuid = awaitRegistered();

    Path started = scratch.resolve("never-starting-java.pid");
    Path neverStarting = scratch.resolve("never-starting-java");
    Files.writeString(
        neverStarting,
        "#!/bin/sh\necho $$ > '"
            + started
            + ".tmp' && mv '"
            + started
            + ".tmp' '"
            + started
            + "'\nexec sleep 600\n");
    assertThat(neverStarting.toFile().setExecutable(true)).isTrue();
    env.put("JAVA", neverStarting.toString());
    Path pidFile = scratch.resolve("holder.pid");
    try (ChildProcess second =
        ChildProcess.start(
            "second lhsmtool_posix --daemon",
            daemonCommand("second", pidFile),
            env,
            scratch.resolve("second.log"))) {
      Await.until("the second start's java was started", () -> Files.exists(started));
      daemonPids.add(Long.parseLong(Files.readString(started).strip()));
      // the launcher's own limit for a JVM that never writes the file is 60 s
      assertThat(second.awaitExit(SECOND_START)).as("exit status of the second start").isZero();
    }
    assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(first));
    assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).contains(true);
    stop(first, uuid);
  }

  @Test
  void theFirstStartBuildsAClassDataSharingArchiveThatALaterStartMaps() throws Exception {
    Path cache = scratch.resolve("cache");
    caches.add(cache);
    Map<String, String> env = launcherEnv();
    env.put("JHSMTOOL_CACHE_DIR", cache.toString());

    long first = startDaemon("first", env);
    assertThat(mappedArchives(first))
        .as("archives mapped by the first start (the JDK's own only)")
        .noneMatch(a -> a.startsWith(cache.toString()));
    String uuid = awaitRegistered();
    Path archive =
        Await.until(
                "the training run started by the first start has built "
                    + cache
                    + "/*/jhsmtool.jsa",
                TRAINING,
                () -> training(cache) ? Optional.<Path>empty() : archiveIn(cache),
                Optional::isPresent)
            .orElseThrow();
    assertThat(archive.getParent().resolve("training-failed.log")).doesNotExist();
    stop(first, uuid);

    long later = startDaemon("later", env);
    uuid = awaitRegistered();
    assertThat(mappedArchives(later))
        .as("archive mapped by the later start's JVM (/proc/PID/maps)")
        .contains(archive.toString());
    assertThat(commandLine(later)).contains("-XX:SharedArchiveFile=" + archive);
    assertThat(training(cache)).as("no second training once the archive exists").isFalse();
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s).as("one cache entry").hasSize(1);
    }
    stop(later, uuid);
  }

  @Test
  void withCdsOffNoCacheIsCreated() throws Exception {
    Path cache = scratch.resolve("cache-off");
    Map<String, String> env = launcherEnv();
    env.put("JHSMTOOL_CACHE_DIR", cache.toString());
    env.put("JHSMTOOL_CDS", "off");

    long pid = startDaemon("cds-off", env);
    String uuid = awaitRegistered();
    assertThat(commandLine(pid)).noneMatch(w -> w.startsWith("-XX:SharedArchiveFile"));
    stop(pid, uuid);
    assertThat(cache).as("cache directory").doesNotExist();
  }

  @Test
  void aCacheThatCannotBeCreatedDoesNotStopTheStart() throws Exception {
    Path notADirectory = Files.writeString(scratch.resolve("plain-file"), "x");
    Path cache = notADirectory.resolve("cache"); // mkdir fails, even for root
    Map<String, String> env = launcherEnv();
    env.put("JHSMTOOL_CACHE_DIR", cache.toString());

    long pid = startDaemon("unwritable", env);
    String uuid = awaitRegistered();
    assertThat(commandLine(pid)).noneMatch(w -> w.startsWith("-XX:SharedArchiveFile"));
    stop(pid, uuid);
    assertThat(Files.readString(notADirectory)).isEqualTo("x");
  }

  @Test
  void javaOptsOverrideTheLauncherDefaults() throws Exception {
    Map<String, String> env = launcherEnv();
    env.put("JHSMTOOL_CDS", "off");
    env.put(
        "JHSMTOOL_JAVA_OPTS",
        env.get("JHSMTOOL_JAVA_OPTS")
            + " -Xmx96m -XX:MaxDirectMemorySize=80m -XX:+UseParallelGC -XX:+PrintFlagsFinal");
    Path log = scratch.resolve("opts.log");

    long pid = startDaemon("opts", env, log);
    String uuid = awaitRegistered();
    stop(pid, uuid);
    String flags = Files.readString(log);
    assertThat(flag(flags, "MaxHeapSize")).as("-Xmx96m").isEqualTo(Long.toString(96L << 20));
    assertThat(flag(flags, "MaxDirectMemorySize")).isEqualTo(Long.toString(80L << 20));
    assertThat(flag(flags, "UseParallelGC")).isEqualTo("true");
    assertThat(flag(flags, "UseSerialGC"))
        .as("the launcher's collector dropped")
        .isEqualTo("false");
    assertThat(flag(flags, "InitialHeapSize"))
        .as("a default not overridden: -Xms16m")
        .isEqualTo(Long.toString(16L << 20));
  }

  /** The launcher's environment: this build's JVM and jar, the target's JVM options. */
  private Map<String, String> launcherEnv() {
    Map<String, String> env = new HashMap<>(target.childEnvironment());
    env.put("JAVA", ChildProcess.java());
    env.put("JHSMTOOL_JAR", Copytool.jar().toString());
    env.put("JHSMTOOL_JAVA_OPTS", String.join(" ", target.childJvmOptions()));
    return env;
  }

  private long startDaemon(String name, Map<String, String> env) throws Exception {
    return startDaemon(name, env, scratch.resolve(name + ".log"));
  }

  /**
   * {@link #daemonCommand}, output to {@code log}; returns the PID from the PID file once the
   * command has returned 0 (no waiting: sanity-hsm signals through the PID file right after setup
   * returns).
   */
  private long startDaemon(String name, Map<String, String> env, Path log) throws Exception {
    Path pidFile = scratch.resolve(name + ".pid");
    List<String> cmd = daemonCommand(name, pidFile);
    try (ChildProcess setup = ChildProcess.start("lhsmtool_posix --daemon", cmd, env, log)) {
      assertThat(setup.awaitExit(Await.DEFAULT)).as("exit status of the --daemon command").isZero();
    }
    assertThat(pidFile).as("PID file when the command returned").exists();
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    daemonPids.add(pid);
    return pid;
  }

  /**
   * {@code lhsmtool_posix --hsm-root=R/ --daemon --pid-file=F --archive 1 MOUNT}, the launcher
   * reached through a symlink under the stock name.
   */
  private List<String> daemonCommand(String name, Path pidFile) throws IOException {
    Path launcher = Path.of(System.getProperty("lhsm.copytool.launcher", "")).toAbsolutePath();
    assertThat(launcher).as("lhsm.copytool.launcher").isRegularFile();
    Path bin = Files.createDirectories(scratch.resolve("bin-" + name));
    Path stockName = Files.createSymbolicLink(bin.resolve("lhsmtool_posix"), launcher);
    Path root = Files.createDirectories(scratch.resolve("arc-" + name));
    return List.of(
        stockName.toString(),
        "--hsm-root=" + root + "/",
        "--daemon",
        "--pid-file=" + pidFile,
        "--archive",
        "1",
        target.agentMounts().get(0).toString());
  }

  private String awaitRegistered() throws IOException {
    String uuid = HsmClient.agentUuid(target.agentMounts().get(0));
    Await.until(
        "the daemon registered as agent " + uuid,
        () -> agentctl.ok("agents", "--json").out(),
        out -> AgentCtlRunner.hasJsonField(out, "uuid", uuid));
    return uuid;
  }

  /** SIGTERM, then the process goes and its agent is unregistered. */
  private void stop(long pid, String uuid) throws Exception {
    ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
    Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(pid)}).waitFor();
    daemon.onExit().get(Await.scaled(Await.DEFAULT).toSeconds(), TimeUnit.SECONDS);
    assertThat(AgentCtlRunner.hasJsonField(agentctl.ok("agents", "--json").out(), "uuid", uuid))
        .as("agent %s unregistered", uuid)
        .isFalse();
  }

  private static List<String> commandLine(long pid) throws IOException {
    return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
  }

  /** The {@code .jsa} files the process has mapped. */
  private static List<String> mappedArchives(long pid) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"))) {
      int slash = line.indexOf('/');
      if (slash >= 0 && line.endsWith(".jsa") && !out.contains(line.substring(slash))) {
        out.add(line.substring(slash));
      }
    }
    return out;
  }

  private static boolean training(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return false;
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".training"));
    }
  }

  private static Optional<Path> archiveIn(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(cache, 2)) {
      return s.filter(p -> p.getFileName().toString().equals("jhsmtool.jsa")).findFirst();
    }
  }

  /** The value of {@code name} in {@code -XX:+PrintFlagsFinal} output. */
  private static String flag(String printed, String name) {
    for (String line : printed.split("\n")) {
      String[] w = line.trim().split("\\s+");
      if (w.length >= 4 && w[1].equals(name) && w[2].equals("=")) {
        return w[3];
      }
    }
    throw new AssertionError(name + " not in the -XX:+PrintFlagsFinal output:\n" + printed);
  }
}
