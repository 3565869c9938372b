package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way tests (and the bench) start an emulated filesystem: in a new directory owned by the
 * returned {@link Emulator}, the daemon runs as a child JVM ({@link #start()}, stopped by PID) or
 * in this JVM on a manual clock ({@link #startInProcess()}, for tests that move time). A builder.
 *
 * <p>The child runs {@link #jar} if given, else {@code -Dlhsm.emulator.jar}, else the emulator
 * classes on this JVM's class path (the emulator's own tests), else {@code
 * emulator/target/lhsm-emulator.jar} of the source tree this kit was loaded from (or of the working
 * directory or its parent). The emulation library is {@code liblustreapi.so.1} in {@link
 * #nativeDir}, else in {@code -Dlhsm.native.dir} (the parent pom sets it for every test), else in
 * the tree's {@code native/target/native}.
 */
public final class EmulatorLauncher {
  private static final String MAIN = "org.lhsm.emulator.cli.EmulatorMain";
  private static final String MAIN_CLASS = MAIN.replace('.', '/') + ".class";
  private static final int SUN_PATH_MAX = 107;
  // like a mount point: every user may look files up (their own modes decide the rest)
  private static final FileAttribute<?> SHARED =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

  /**
   * JVM options of the daemon process: the ones {@code lhsm-emulator start} gives a detached daemon
   * ({@code org.lhsm.emulator.cli.DaemonJvm}, not referenced: the kit needs only the JDK). C1 only
   * and the serial collector: a daemon that lives for a test class or a bench round spends as much
   * CPU on C2 compilations as on its work otherwise.
   */
  public static final List<String> DAEMON_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private List<String> jvmOptions = DAEMON_JVM_OPTIONS;
  private Path parent;
  private String fsname = "lustre";
  private int mounts = 2;
  private Path jar;
  private Path nativeDir;
  private Path log;
  private String name;
  private boolean keep;

  private EmulatorLauncher() {}

  /** Defaults: fsname {@code lustre}, two mounts, a directory in {@code java.io.tmpdir}. */
  public static EmulatorLauncher create() {
    return new EmulatorLauncher();
  }

  /**
   * Creates the emulator's directory in {@code dir} (a {@code @TempDir}, the bench's work
   * directory), or in {@code java.io.tmpdir} if the socket path would not fit {@code sun_path}.
   */
  public EmulatorLauncher under(Path dir) {
    this.parent = dir;
    return this;
  }

  public EmulatorLauncher fsname(String fs) {
    this.fsname = fs;
    return this;
  }

  /** Number of client mounts ({@code mnt}, {@code mnt2}, ...). */
  public EmulatorLauncher mounts(int n) {
    this.mounts = n;
    return this;
  }

  public EmulatorLauncher jar(Path emulatorJar) {
    this.jar = emulatorJar;
    return this;
  }

  /** The directory holding {@code liblustreapi.so.1}, the emulation library. */
  public EmulatorLauncher nativeDir(Path dir) {
    this.nativeDir = dir;
    return this;
  }

  /**
   * The child's log; default {@code NAME.log} in {@code -Dlhsm.test.logDir} (the parent pom sets
   * {@code target/test-logs}), else next to the emulator's directory.
   */
  public EmulatorLauncher log(Path file) {
    this.log = file;
    return this;
  }

  /** Names the log file (default: the directory's name). */
  public EmulatorLauncher name(String logName) {
    this.name = logName;
    return this;
  }

  /** Keeps the directory when the emulator is closed. */
  public EmulatorLauncher keep(boolean keepDirectory) {
    this.keep = keepDirectory;
    return this;
  }

  /** JVM options of the daemon process instead of {@link #DAEMON_JVM_OPTIONS} (measurements). */
  public EmulatorLauncher jvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** Why {@link #start()} cannot work here (emulator jar or library not built), if it cannot. */
  public Optional<String> missing() {
    try {
      daemonCommand();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
    return Files.isRegularFile(library())
        ? Optional.empty()
        : Optional.of("emulation library not built: " + library());
  }

  /** Starts the daemon as a child JVM; returns once it serves. */
  public EmulatorProcess start() throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ChildProcess.java()));
    cmd.addAll(jvmOptions);
    cmd.add("-Dlhsm.native.dir=" + library().getParent());
    cmd.addAll(daemonCommand());
    Path dir = newDirectory();
    cmd.addAll(List.of("start", dir.toString(), "--fsname", fsname, "--mounts", "" + mounts));
    cmd.add("--foreground");
    String logName = (name != null ? name : dir.getFileName().toString()) + ".log";
    String logDir = System.getProperty("lhsm.test.logDir", "").strip();
    Path logFile =
        log != null
            ? log.toAbsolutePath()
            : logDir.isEmpty() ? dir.resolveSibling(logName) : Path.of(logDir).resolve(logName);
    Files.deleteIfExists(logFile);
    EmulatorProcess p = new EmulatorProcess(dir, fsname, mounts, keep, cmd, logFile, library());
    try {
      p.restart();
      return p;
    } catch (IOException | RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  /** Starts the daemon in this JVM on a manual clock; only the emulator's own tests can. */
  public InProcessEmulator startInProcess() throws IOException {
    return InProcessEmulator.start(newDirectory(), fsname, mounts, keep);
  }

  /** The emulation library its clients load ({@code LHSM_LIBLUSTREAPI}). */
  public Path library() {
    String p = System.getProperty("lhsm.native.dir", "").strip();
    Path dir =
        nativeDir != null
            ? nativeDir
            : p.isEmpty() ? fromTree("native/target/native").orElse(Path.of(".")) : Path.of(p);
    return dir.toAbsolutePath().normalize().resolve("liblustreapi.so.1");
  }

  /** {@code -jar JAR} or {@code -cp CLASSPATH MAIN}. */
  private List<String> daemonCommand() throws IOException {
    String p = System.getProperty("lhsm.emulator.jar", "").strip();
    Optional<Path> j =
        jar != null ? Optional.of(jar) : p.isEmpty() ? Optional.empty() : Optional.of(Path.of(p));
    if (j.isEmpty() && EmulatorLauncher.class.getResource("/" + MAIN_CLASS) != null) {
      return List.of("-cp", System.getProperty("java.class.path"), MAIN);
    }
    j = j.or(() -> fromTree("emulator/target/lhsm-emulator.jar"));
    if (j.isEmpty() || !Files.isRegularFile(j.get())) {
      throw new IOException(
          "emulator jar not built ("
              + j.map(Path::toString).orElse("none in this tree")
              + "): mvn -B -q -pl emulator -am package -DskipTests");
    }
    return List.of("-jar", j.get().toAbsolutePath().toString());
  }

  /** {@code relative} in the tree of {@code MODULE/target/KIT}, or of the working directory. */
  private static Optional<Path> fromTree(String relative) {
    List<Path> roots = new ArrayList<>();
    try {
      Path kit =
          Path.of(
              EmulatorLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      roots.add(kit.toAbsolutePath().getParent().getParent().getParent());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // not loaded from a file
    }
    Path cwd = Path.of("").toAbsolutePath();
    roots.add(cwd);
    roots.add(cwd.getParent() != null ? cwd.getParent() : cwd);
    return roots.stream().map(r -> r.resolve(relative)).filter(Files::exists).findFirst();
  }

  private Path newDirectory() throws IOException {
    if (parent != null) {
      Path dir = Files.createTempDirectory(Files.createDirectories(parent), "emu-", SHARED);
      if (fits(dir)) {
        return dir.toAbsolutePath();
      }
      Files.delete(dir);
    }
    Path dir = Files.createTempDirectory("lhsm-emu-", SHARED).toAbsolutePath();
    if (!fits(dir)) {
      Files.delete(dir);
      throw new IOException(dir + " is too long for the emulator's socket: shorten java.io.tmpdir");
    }
    return dir;
  }

  private static boolean fits(Path dir) {
    String socket = dir.toAbsolutePath().resolve("state/emulator.sock").toString();
    return socket.getBytes(StandardCharsets.UTF_8).length <= SUN_PATH_MAX;
  }
}
