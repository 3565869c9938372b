package org.lhsm.emulator.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way tests (and the bench) start an emulated filesystem: a new directory, owned by the
 * returned {@link Emulator}, with the daemon serving it either as a child JVM ({@link #start()}:
 * the default, stopped by PID) or in this JVM on a manual clock ({@link #startInProcess()}: for
 * tests that move time). A mutable builder, used by one thread.
 *
 * <p>The child runs, in this order of preference: {@link #jar} if given, else the jar named by
 * {@code -Dlhsm.emulator.jar}, else the emulator classes on this JVM's class path (the emulator's
 * own tests), else {@code emulator/target/lhsm-emulator.jar} of the source tree this class was
 * loaded from or of the current directory. The emulation library is {@code liblustreapi.so.1} in
 * {@link #nativeDir}, else in {@code -Dlhsm.native.dir} (which the parent pom sets for every test),
 * else in the tree's {@code native/target/native}.
 */
public final class EmulatorLauncher {
  static final String MAIN = "org.lhsm.emulator.cli.EmulatorMain";
  private static final int SUN_PATH_MAX = 107;
  // like a mount point: every user may look up the files (their own modes decide the rest)
  private static final FileAttribute<?> SHARED =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

  private Path parent;
  private String fsname = "lustre";
  private int mounts = 2;
  private Path jar;
  private Path nativeDir;
  private Path log;
  private String name;
  private boolean keep;
  private Duration startTimeout = Duration.ofSeconds(90);
  private Duration stopGrace = Duration.ofSeconds(30);

  private EmulatorLauncher() {}

  /**
   * A launcher with the defaults: fsname {@code lustre}, two mounts, under {@code java.io.tmpdir}.
   */
  public static EmulatorLauncher create() {
    return new EmulatorLauncher();
  }

  /**
   * Creates the emulator's directory inside {@code dir} (a test's {@code @TempDir}, the bench's
   * work directory), unless the daemon's socket path would not fit in {@code sun_path}: then under
   * {@code java.io.tmpdir}.
   */
  public EmulatorLauncher under(Path dir) {
    this.parent = dir;
    return this;
  }

  public EmulatorLauncher fsname(String name) {
    this.fsname = name;
    return this;
  }

  /** Number of client mounts ({@code mnt}, {@code mnt2}, ...); default 2. */
  public EmulatorLauncher mounts(int n) {
    this.mounts = n;
    return this;
  }

  /** The {@code lhsm-emulator.jar} the child runs. */
  public EmulatorLauncher jar(Path emulatorJar) {
    this.jar = emulatorJar;
    return this;
  }

  /** Where {@code liblustreapi.so.1}, the emulation library, is. */
  public EmulatorLauncher nativeDir(Path dir) {
    this.nativeDir = dir;
    return this;
  }

  /**
   * The child's log file; default {@code NAME.log} in {@code -Dlhsm.test.logDir} (the parent pom
   * sets {@code target/test-logs}), else next to the emulator's directory.
   */
  public EmulatorLauncher log(Path file) {
    this.log = file;
    return this;
  }

  /** Names the log file (default: the directory's name), e.g. after the test. */
  public EmulatorLauncher name(String logName) {
    this.name = logName;
    return this;
  }

  /** Keep the directory when the emulator is closed (default: deleted). */
  public EmulatorLauncher keep(boolean keepDirectory) {
    this.keep = keepDirectory;
    return this;
  }

  /** How long the child may take to serve (default 90 s, scaled by {@link Await#scale()}). */
  public EmulatorLauncher startTimeout(Duration d) {
    this.startTimeout = d;
    return this;
  }

  /** How long a stopping child may take after SIGTERM before SIGKILL (default 30 s, scaled). */
  public EmulatorLauncher stopGrace(Duration d) {
    this.stopGrace = d;
    return this;
  }

  /** Why {@link #start()} cannot work here (emulator jar or emulation library not built), if so. */
  public Optional<String> missing() {
    try {
      daemonCommand();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
    Path lib = library();
    return Files.isRegularFile(lib)
        ? Optional.empty()
        : Optional.of("emulation library not built: " + lib);
  }

  /** Starts the daemon as a child JVM and returns once it serves; see the class comment. */
  public EmulatorProcess start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.java());
    cmd.add("-Dlhsm.native.dir=" + library().getParent());
    cmd.addAll(daemonCommand());
    Path dir = newDirectory();
    cmd.addAll(
        List.of(
            "start",
            dir.toString(),
            "--fsname",
            fsname,
            "--mounts",
            Integer.toString(mounts),
            "--foreground"));
    Path logFile = logFile(dir);
    Files.deleteIfExists(logFile);
    EmulatorProcess p =
        new EmulatorProcess(
            dir, fsname, mounts, keep, cmd, logFile, library(), startTimeout, stopGrace);
    try {
      p.restart();
      return p;
    } catch (IOException | RuntimeException | Error | InterruptedException e) {
      p.close();
      throw e;
    }
  }

  /** Starts the daemon in this JVM on a {@link ManualClock}; only the emulator's own tests can. */
  public InProcessEmulator startInProcess() throws IOException {
    return InProcessEmulator.start(newDirectory(), fsname, mounts, keep);
  }

  /** The emulation library the daemon's clients load ({@code LHSM_LIBLUSTREAPI}). */
  public Path library() {
    Path dir = nativeDir;
    if (dir == null) {
      String p = System.getProperty("lhsm.native.dir", "").strip();
      dir = p.isEmpty() ? fromTree("native/target/native").orElse(null) : Path.of(p);
    }
    if (dir == null) {
      dir = Path.of("native/target/native");
    }
    return dir.toAbsolutePath().normalize().resolve("liblustreapi.so.1");
  }

  /** {@code -jar JAR} or {@code -cp CLASSPATH MAIN}. */
  private List<String> daemonCommand() throws IOException {
    if (jar != null) {
      return runJar(jar);
    }
    String p = System.getProperty("lhsm.emulator.jar", "").strip();
    if (!p.isEmpty()) {
      return runJar(Path.of(p));
    }
    if (loadable(MAIN) && loadable("picocli.CommandLine")) {
      return List.of("-cp", System.getProperty("java.class.path"), MAIN);
    }
    Optional<Path> built = fromTree("emulator/target/lhsm-emulator.jar");
    if (built.isPresent()) {
      return runJar(built.get());
    }
    throw new IOException(
        "emulator jar not built (no -Dlhsm.emulator.jar, no emulator classes on the class path, no"
            + " emulator/target/lhsm-emulator.jar): mvn -B -q -pl emulator -am package -DskipTests");
  }

  private static List<String> runJar(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException("emulator jar not built: " + p);
    }
    return List.of("-jar", p.toAbsolutePath().normalize().toString());
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, EmulatorLauncher.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * {@code relative} in the source tree: the one this class was loaded from ({@code
   * MODULE/target/…}), else the current directory or its parent.
   */
  static Optional<Path> fromTree(String relative) {
    List<Path> roots = new ArrayList<>();
    try {
      Path self =
          Path.of(
              EmulatorLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path tree = self.toAbsolutePath().getParent().getParent().getParent();
      if (tree != null) {
        roots.add(tree);
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // not loaded from a file: only the current directory is searched
    }
    Path cwd = Path.of("").toAbsolutePath();
    roots.add(cwd);
    if (cwd.getParent() != null) {
      roots.add(cwd.getParent());
    }
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
      throw new IOException(
          "the emulator's socket under "
              + dir
              + " is too long for a UNIX socket: set a shorter -Djava.io.tmpdir");
    }
    return dir;
  }

  private static boolean fits(Path dir) {
    byte[] socket =
        dir.toAbsolutePath()
            .resolve("state/emulator.sock")
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    return socket.length <= SUN_PATH_MAX;
  }

  private Path logFile(Path dir) {
    if (log != null) {
      return log.toAbsolutePath();
    }
    String base = (name != null ? name : dir.getFileName().toString()) + ".log";
    String logDir = System.getProperty("lhsm.test.logDir", "").strip();
    return logDir.isEmpty() ? dir.resolveSibling(base) : Path.of(logDir).resolve(base);
  }
}
