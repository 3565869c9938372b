package org.lhsm.it.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated filesystem {@code lustre} with two client mounts in a fresh temporary directory,
 * served by the test kit's child daemon and stopped by its PID. The emulation library is handed to
 * copytools through {@code LHSM_LIBLUSTREAPI} and to this JVM through {@code lhsm.liblustreapi};
 * the daemon's log stays in {@code -Dlhsm.test.logDir}.
 */
public final class EmulatorTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorTarget.class);

  private final EmulatorProcess emulator;
  private final TestDirectories tests;

  private EmulatorTarget(EmulatorProcess emulator) {
    this.emulator = emulator;
    this.tests = new TestDirectories(emulator.mount(1));
  }

  /** Starts a new emulated filesystem; fails naming what is not built. */
  public static EmulatorTarget start() throws IOException, InterruptedException {
    EmulatorLauncher launcher = EmulatorLauncher.create();
    Optional<String> missing = launcher.missing();
    if (missing.isPresent()) {
      throw new IllegalStateException(
          missing.get() + " (mvn -pl integration-tests -am verify builds it)");
    }
    EmulatorProcess emulator = launcher.start();
    // every in-JVM call (bindings, agentctl) loads the emulation library; it finds the daemon
    // of any emulated filesystem from the path, so one value serves every test class
    System.setProperty("lhsm.liblustreapi", emulator.library().toString());
    LOG.info("{} (daemon pid {}, log {})", emulator, emulator.pid(), emulator.log());
    return new EmulatorTarget(emulator);
  }

  @Override
  public Kind kind() {
    return Kind.EMULATOR;
  }

  @Override
  public String description() {
    return "emulator in " + emulator.dir() + " (log " + emulator.log() + ")";
  }

  @Override
  public Path clientMount() {
    return emulator.mount(1);
  }

  /** {@code mnt2} first (the agent mount proper), then {@code mnt}, as on the test VM. */
  @Override
  public List<Path> agentMounts() {
    return List.of(emulator.mount(2), emulator.mount(1));
  }

  @Override
  public Optional<Path> paramRoot() {
    return Optional.of(emulator.paramRoot());
  }

  @Override
  public Map<String, String> childEnvironment() {
    // LD_LIBRARY_PATH: a C copytool linked against liblustreapi.so.1 (lhsmtool_posix) finds the
    // emulation library too
    Path library = emulator.library();
    return Map.of(
        "LHSM_LIBLUSTREAPI", library.toString(), "LD_LIBRARY_PATH", library.getParent().toString());
  }

  @Override
  public List<String> childJvmOptions() {
    return List.of("-Dlhsm.liblustreapi=" + emulator.library());
  }

  @Override
  public Path newTestDirectory(String name) throws IOException {
    return tests.create(name);
  }

  /** Stops the daemon by PID (SIGTERM, then SIGKILL past the deadline) and deletes the tree. */
  @Override
  public void close() throws IOException {
    emulator.close();
  }
}
