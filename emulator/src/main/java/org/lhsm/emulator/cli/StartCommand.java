package org.lhsm.emulator.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.lhsm.emulator.cdt.Clock;
import org.lhsm.emulator.daemon.EmulatorDaemon;
import org.lhsm.emulator.fs.FsLayout;
import org.lhsm.emulator.fs.MountTable;
import org.lhsm.emulator.server.SocketServer;
import org.lhsm.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code start DIR}: create or open the filesystem and serve it. */
@Command(name = "start", description = "Create/open an emulated filesystem and start its daemon.")
final class StartCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Filesystem directory")
  Path dir;

  @Option(names = "--fsname", defaultValue = "lustre", description = "Filesystem name")
  String fsname;

  @Option(names = "--mounts", defaultValue = "1", description = "Number of client mounts")
  int mounts;

  @Option(names = "--foreground", description = "Run the daemon in this process")
  boolean foreground;

  @Option(names = "--json", description = "Print the result as one JSON object")
  boolean json;

  /** Where the foreground daemon registers its stop action (replaced by tests). */
  ShutdownHooks hooks = ShutdownHooks.RUNTIME;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FsLayout layout = new FsLayout(dir);
    if (mounts < 1) {
      err.println("lhsm-emulator: --mounts must be at least 1");
      return ExitCodes.USAGE;
    }
    if (!fsname.matches("[A-Za-z0-9_]{1,8}")) {
      err.println("lhsm-emulator: --fsname '" + fsname + "' must be 1-8 letters/digits");
      return ExitCodes.USAGE;
    }
    if (Files.exists(layout.dir()) && !Files.isDirectory(layout.dir())) {
      err.println("lhsm-emulator: " + layout.dir() + " exists and is not a directory");
      return ExitCodes.FOREIGN_DIRECTORY;
    }
    if (Files.isDirectory(layout.dir()) && !layout.isEmulatorDir() && !isEmpty(layout.dir())) {
      err.println(
          "lhsm-emulator: "
              + layout.dir()
              + " is not empty and holds no emulated filesystem; choose an empty directory");
      return ExitCodes.FOREIGN_DIRECTORY;
    }
    if (Files.exists(layout.socket())) {
      if (SocketServer.answers(layout.socket())) {
        err.println("lhsm-emulator: a daemon already serves " + layout.dir());
        return ExitCodes.ALREADY_RUNNING;
      }
      Files.deleteIfExists(layout.socket());
      Files.deleteIfExists(layout.pidFile());
      err.println("lhsm-emulator: removed stale socket " + layout.socket());
    }
    if (foreground) {
      return runForeground(layout, out);
    }
    return spawn(layout, out, err);
  }

  private static boolean isEmpty(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }

  private int runForeground(FsLayout layout, PrintWriter out) throws IOException {
    Files.createDirectories(layout.dir());
    EmulatorDaemon daemon = new EmulatorDaemon(layout.dir(), Clock.SYSTEM);
    CountDownLatch stopped = new CountDownLatch(1);
    // Before start: a SIGTERM as soon as the socket answers must still send shutdown frames.
    hooks.add(
        new Thread(
            () -> {
              daemon.close();
              stopped.countDown();
            },
            "emu-shutdown"));
    daemon.start(fsname, mounts);
    printReady(layout, out);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private int spawn(FsLayout layout, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    Files.createDirectories(layout.dir());
    layout.create(fsname);
    new MountTable(layout).ensure(mounts);
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(DaemonJvm.OPTIONS);
    String nativeDir = System.getProperty("lhsm.native.dir");
    if (nativeDir != null) {
      cmd.add("-Dlhsm.native.dir=" + nativeDir);
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            EmulatorMain.class.getName(),
            "start",
            layout.dir().toString(),
            "--fsname",
            fsname,
            "--mounts",
            Integer.toString(mounts),
            "--foreground"));
    if (json) {
      cmd.add("--json");
    }
    File logFile = layout.daemonLog().toFile();
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
            .redirectErrorStream(true)
            .start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (SocketServer.answers(layout.socket())) {
        printReady(layout, out);
        return ExitCodes.OK;
      }
      if (p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    err.println("lhsm-emulator: the daemon did not start; see " + logFile);
    p.destroy();
    return ExitCodes.START_FAILED;
  }

  private void printReady(FsLayout layout, PrintWriter out) throws IOException {
    MountTable table = new MountTable(layout);
    List<String> mountPaths = table.all().keySet().stream().sorted().map(Path::toString).toList();
    String fs = layout.readConf().get("fsname");
    String lib = nativeDir().resolve("liblustreapi.so.1").toString();
    if (json) {
      java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
      o.put("fsname", fs);
      o.put("dir", layout.dir().toString());
      o.put("mounts", mountPaths);
      o.put("socket", layout.socket().toString());
      o.put("env", java.util.Map.of("LHSM_LIBLUSTREAPI", lib));
      out.println(Json.compact(o));
    } else {
      out.println("emulated filesystem " + fs + " in " + layout.dir());
      for (String m : mountPaths) {
        out.println("mount: " + m);
      }
      out.println("export LHSM_LIBLUSTREAPI=" + lib);
    }
    out.flush();
  }

  /** Where the emulation library lives: property, environment, or next to the jar's module. */
  static Path nativeDir() {
    String p = System.getProperty("lhsm.native.dir");
    if (p == null) {
      p = System.getenv("LHSM_NATIVE_DIR");
    }
    if (p != null) {
      return Path.of(p).toAbsolutePath();
    }
    try {
      Path jar =
          Path.of(EmulatorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().getParent().getParent().resolve("native/target/native");
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Path.of("native/target/native").toAbsolutePath();
    }
  }
}
