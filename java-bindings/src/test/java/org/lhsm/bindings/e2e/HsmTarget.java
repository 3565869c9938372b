package org.lhsm.bindings.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.lhsm.bindings.internal.NativeAccess;

/**
 * Where the end-to-end tests run. With {@code -Dlhsm.mount=/mnt/lustre} (and optionally {@code
 * -Dlhsm.agentMount} for the copytool, default the same mount) against a real Lustre client and the
 * default liblustreapi; otherwise against an emulated filesystem started here from the emulator jar
 * as a child process, with the emulation library {@code ${lhsm.native.dir}/liblustreapi.so.1}. Test
 * files live in a fresh directory under the mount, removed at close.
 */
final class HsmTarget implements AutoCloseable {
  static final String FSNAME = "lhsme2e";
  private static final long START_TIMEOUT_SECONDS = 90;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Path mount;
  private final Path agentMount;
  private final Path workDir;
  private final Path emulatorDir;
  private final Process daemon;
  private final String savedLibrary;

  private HsmTarget(
      Path mount, Path agentMount, Path emulatorDir, Process daemon, String savedLibrary)
      throws IOException {
    this.mount = mount;
    this.agentMount = agentMount;
    this.emulatorDir = emulatorDir;
    this.daemon = daemon;
    this.savedLibrary = savedLibrary;
    this.workDir = Files.createDirectory(mount.resolve("lhsm-e2e-" + UUID.randomUUID()));
  }

  /** Opens the target chosen by the system properties; {@code scratch} holds an emulator. */
  static HsmTarget open(Path scratch) throws IOException, InterruptedException {
    String real = System.getProperty("lhsm.mount");
    if (real != null && !real.isBlank()) {
      Path m = Path.of(real).toAbsolutePath().normalize();
      String agent = System.getProperty("lhsm.agentMount");
      Path a = agent == null || agent.isBlank() ? m : Path.of(agent).toAbsolutePath().normalize();
      return new HsmTarget(m, a, null, null, null);
    }
    String saved = System.getProperty(NativeAccess.PROPERTY);
    Path dir = scratch.resolve("emu");
    Process p = startEmulator(dir);
    try {
      System.setProperty(NativeAccess.PROPERTY, library().toString());
      NativeAccess.resetForTesting();
      return new HsmTarget(dir.resolve("mnt"), dir.resolve("mnt2"), dir, p, saved);
    } catch (IOException | RuntimeException e) {
      stop(p);
      throw e;
    }
  }

  private static Path library() {
    String nativeDir = System.getProperty("lhsm.native.dir");
    Assumptions.assumeTrue(nativeDir != null, "lhsm.native.dir is not set");
    Path lib = Path.of(nativeDir, "liblustreapi.so.1");
    Assumptions.assumeTrue(Files.isRegularFile(lib), "emulation library not built: " + lib);
    return lib;
  }

  /**
   * {@code start DIR --foreground} in a child JVM owned by this fixture. Ready once it prints its
   * {@code export LHSM_LIBLUSTREAPI=} line: its socket answers a little earlier, but a SIGTERM
   * before that line kills it without the shutdown frames that copytools expect.
   */
  private static Process startEmulator(Path dir) throws IOException, InterruptedException {
    String jar = System.getProperty("lhsm.emulator.jar");
    Assumptions.assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "emulator jar not built (system property lhsm.emulator.jar: " + jar + ")");
    library();
    Path log = dir.resolveSibling("emulator-daemon.log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar,
            "start",
            dir.toString(),
            "--mounts",
            "2",
            "--fsname",
            FSNAME,
            "--foreground");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              // Reads stdout to its end so the daemon never blocks on a full pipe.
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("export LHSM_LIBLUSTREAPI=")) {
                    ready.complete(true);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.complete(false);
            },
            "emulator-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("emulator exited before it was ready; see " + log);
      }
      return p;
    } catch (ExecutionException | TimeoutException e) {
      stop(p);
      throw new IOException(
          "emulator not ready within " + START_TIMEOUT_SECONDS + "s; see " + log, e);
    } catch (InterruptedException e) {
      stop(p);
      throw e;
    }
  }

  /** SIGTERM (the daemon's shutdown hook stops cleanly), SIGKILL if it does not exit. */
  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  boolean isEmulated() {
    return daemon != null;
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
    return Files.readString(
        emulatorDir.resolve("state/params/mdt/" + FSNAME + "-MDT0000/hsm/actions"));
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
    stop(daemon);
  }

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
      if (daemon != null) {
        try {
          stop(daemon);
        } catch (InterruptedException e) {
          daemon.destroyForcibly();
          Thread.currentThread().interrupt();
        }
        if (savedLibrary == null) {
          System.clearProperty(NativeAccess.PROPERTY);
        } else {
          System.setProperty(NativeAccess.PROPERTY, savedLibrary);
        }
        NativeAccess.resetForTesting();
      }
    }
  }
}
