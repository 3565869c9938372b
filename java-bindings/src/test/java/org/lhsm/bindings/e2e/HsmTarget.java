package org.lhsm.bindings.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.lhsm.bindings.internal.NativeAccess;
import org.lhsm.emulator.testkit.EmulatorExtension;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;

/**
 * Where the end-to-end tests run. With {@code -Dlhsm.mount=/mnt/lustre} (and optionally {@code
 * -Dlhsm.agentMount} for the copytool, default the same mount) against a real Lustre client and the
 * default liblustreapi; otherwise against the emulated filesystem of the class's {@link
 * #emulator()} extension (a child process of the test kit) with its emulation library. Test files
 * live in a fresh directory under the mount, removed at close.
 */
final class HsmTarget implements AutoCloseable {
  static final String FSNAME = "lhsme2e";

  private final Path mount;
  private final Path agentMount;
  private final Path workDir;
  private final EmulatorProcess emulator;
  private final String savedLibrary;

  private HsmTarget(Path mount, Path agentMount, EmulatorProcess emulator, String savedLibrary)
      throws IOException {
    this.mount = mount;
    this.agentMount = agentMount;
    this.emulator = emulator;
    this.savedLibrary = savedLibrary;
    this.workDir = Files.createDirectory(mount.resolve("lhsm-e2e-" + UUID.randomUUID()));
  }

  /** The emulator of a test class; started only when no real mount is configured. */
  static EmulatorExtension emulator() {
    return new EmulatorExtension(EmulatorLauncher.create().fsname(FSNAME));
  }

  /** Opens the target chosen by the system properties. */
  static HsmTarget open(EmulatorExtension emulator) throws IOException, InterruptedException {
    String real = System.getProperty("lhsm.mount");
    if (real != null && !real.isBlank()) {
      Path m = Path.of(real).toAbsolutePath().normalize();
      String agent = System.getProperty("lhsm.agentMount");
      Path a = agent == null || agent.isBlank() ? m : Path.of(agent).toAbsolutePath().normalize();
      return new HsmTarget(m, a, null, null);
    }
    EmulatorProcess emu = emulator.get();
    String saved = System.getProperty(NativeAccess.PROPERTY);
    System.setProperty(NativeAccess.PROPERTY, emu.library().toString());
    return new HsmTarget(emu.mount(1), emu.mount(2), emu, saved);
  }

  boolean isEmulated() {
    return emulator != null;
  }

  /** The client mount used for user requests. */
  Path mount() {
    return mount;
  }

  /** The mount the copytool registers on (a different client on the emulator). */
  Path agentMount() {
    return agentMount;
  }

  /** A fresh directory of this fixture inside the filesystem. */
  Path workDir() {
    return workDir;
  }

  /** Creates a file with {@code data} in the work directory. */
  Path newFile(String name, byte[] data) throws IOException {
    return Files.write(workDir.resolve(name), data);
  }

  /**
   * The coordinator's {@code hsm.actions} list, readable only on the emulator (on real Lustre it
   * lives on the MDS). Skips the calling test elsewhere.
   */
  String hsmActions() throws IOException {
    Assumptions.assumeTrue(
        isEmulated(), "hsm.actions is only readable from a client on the emulator");
    return emulator.param("hsm/actions");
  }

  /** The {@code hsm.actions} line of {@code cookie}, if listed. */
  Optional<String> actionRecord(long cookie) throws IOException {
    String key = "/0x" + Long.toHexString(cookie) + " ";
    return hsmActions().lines().filter(l -> l.contains(key)).findFirst();
  }

  /**
   * Stops the emulated filesystem now (the daemon sends the shutdown frame to copytools, as a
   * client does at umount). Skips the calling test on a real mount.
   */
  void stopFilesystem() throws InterruptedException {
    Assumptions.assumeTrue(isEmulated(), "a real filesystem is not unmounted by the tests");
    emulator.stop();
  }

  /** Removes the work directory; the extension stops the emulator afterwards. */
  @Override
  public void close() throws IOException {
    try {
      if (Files.isDirectory(workDir)) {
        try (Stream<Path> s = Files.walk(workDir)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } finally {
      if (emulator != null) {
        if (savedLibrary == null) {
          System.clearProperty(NativeAccess.PROPERTY);
        } else {
          System.setProperty(NativeAccess.PROPERTY, savedLibrary);
        }
      }
    }
  }
}
