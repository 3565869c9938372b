package org.lhsm.it.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lhsm.it.support.Await;
import org.lhsm.it.support.Jars;
import org.lhsm.it.support.OwnedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated filesystem in a fresh temporary directory, created with {@code lhsm-emulator start
 * DIR --mounts 2} (run as a child process, which returns once the daemon answers) and stopped by
 * the daemon's PID. The emulation library is handed to copytools through {@code LHSM_LIBLUSTREAPI}
 * and to this JVM through {@code lhsm.liblustreapi}.
 */
public final class EmulatorTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorTarget.class);
  private static final String EXPORT = "export LHSM_LIBLUSTREAPI=";

  private final Path dir;
  private final List<Path> mounts;
  private final Path library;
  private final long daemonPid;
  private final TestDirectories tests;

  private EmulatorTarget(Path dir, List<Path> mounts, Path library, long daemonPid) {
    this.dir = dir;
    this.mounts = List.copyOf(mounts);
    this.library = library;
    this.daemonPid = daemonPid;
    this.tests = new TestDirectories(mounts.get(0));
  }

  /** Starts a new emulated filesystem named {@code lustre} with two client mounts. */
  public static EmulatorTarget start() throws IOException, InterruptedException {
    // short path: the daemon's UNIX socket lives below it (108-byte sun_path limit)
    Path dir = Files.createTempDirectory("lhsm-it-emu");
    Path log = Files.createTempFile("lhsm-it-emu-start", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Jars.java());
    String nativeDir = System.getProperty("lhsm.native.dir", "").strip();
    if (!nativeDir.isEmpty()) {
      cmd.add("-Dlhsm.native.dir=" + nativeDir);
    }
    cmd.addAll(
        List.of(
            "-jar",
            Jars.emulator().toString(),
            "start",
            dir.toString(),
            "--mounts",
            "2",
            "--fsname",
            "lustre"));
    int rc;
    String output;
    try (OwnedProcess start = new OwnedProcess("lhsm-emulator start", cmd, Map.of(), log) {}) {
      rc = start.awaitExit(Await.STEP);
      output = Files.readString(log);
    } finally {
      Files.deleteIfExists(log);
    }
    Path pidFile = dir.resolve("state/emulator.pid");
    if (rc != 0 || !Files.isRegularFile(pidFile)) {
      throw new IllegalStateException(
          "lhsm-emulator start " + dir + " failed (exit " + rc + "):\n" + output);
    }
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    List<Path> mounts = new ArrayList<>();
    Path library = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("mount: ")) {
        mounts.add(Path.of(line.substring("mount: ".length()).strip()));
      } else if (line.startsWith(EXPORT)) {
        library = Path.of(line.substring(EXPORT.length()).strip());
      }
    }
    EmulatorTarget t = new EmulatorTarget(dir, mounts, library, pid);
    if (mounts.size() < 2 || library == null || !Files.isRegularFile(library)) {
      t.close();
      throw new IllegalStateException(
          "lhsm-emulator start printed no two mounts and existing library:\n" + output);
    }
    // every in-JVM call (bindings, agentctl) loads the emulation library; it finds the daemon
    // of any emulated filesystem from the path, so one value serves every test class
    System.setProperty("lhsm.liblustreapi", library.toString());
    LOG.info("emulated filesystem in {} (daemon pid {}), library {}", dir, pid, library);
    return t;
  }

  @Override
  public Kind kind() {
    return Kind.EMULATOR;
  }

  @Override
  public String description() {
    return "emulator in " + dir;
  }

  @Override
  public Path clientMount() {
    return mounts.get(0);
  }

  /** {@code mnt2} first (the agent mount proper), then {@code mnt}, as on the test VM. */
  @Override
  public List<Path> agentMounts() {
    return List.of(mounts.get(1), mounts.get(0));
  }

  @Override
  public Optional<Path> paramRoot() {
    return Optional.of(dir.resolve("state/params"));
  }

  @Override
  public Map<String, String> childEnvironment() {
    // LD_LIBRARY_PATH: a C copytool linked against liblustreapi.so.1 (lhsmtool_posix) finds the
    // emulation library too
    return Map.of(
        "LHSM_LIBLUSTREAPI", library.toString(), "LD_LIBRARY_PATH", library.getParent().toString());
  }

  @Override
  public List<String> childJvmOptions() {
    return List.of("-Dlhsm.liblustreapi=" + library);
  }

  @Override
  public Path newTestDirectory(String name) throws IOException {
    return tests.create(name);
  }

  /** Stops the daemon by PID (SIGTERM, then SIGKILL past the deadline) and deletes the tree. */
  @Override
  public void close() throws IOException {
    Optional<ProcessHandle> daemon = ProcessHandle.of(daemonPid);
    if (daemon.isPresent()) {
      ProcessHandle h = daemon.get();
      h.destroy();
      Duration d = Await.scaled(Duration.ofSeconds(30));
      try {
        h.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.warn("emulator daemon {} ignored SIGTERM for {} s: killing it", daemonPid, d);
        h.destroyForcibly();
        h.onExit().join();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        h.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    keepDaemonLog();
    TestDirectories.deleteTree(dir);
  }

  /** Copies the daemon's log next to the copytool logs before the tree goes away. */
  private void keepDaemonLog() {
    String logDir = System.getProperty("lhsm.it.logDir", "").strip();
    Path log = dir.resolve("state/emulator.log");
    if (logDir.isEmpty() || !Files.isRegularFile(log)) {
      return;
    }
    try {
      Path dst = Path.of(logDir).resolve(dir.getFileName() + "-emulator.log");
      Files.createDirectories(dst.getParent());
      Files.copy(log, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot keep the emulator log {}: {}", log, e.toString());
    }
  }
}
