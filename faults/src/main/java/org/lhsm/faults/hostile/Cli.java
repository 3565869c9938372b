package org.lhsm.faults.hostile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.faults.common.Env;

/**
 * Runs jhsmtool or agentctl from its runnable jar as a child process, to its end or killed by PID
 * past a bound: a bad command line must be refused at once, not hang.
 */
final class Cli {
  /** How one run ended; {@code hung}: killed at the bound. */
  record Run(int exit, String out, String err, boolean hung, long millis) {}

  /** Enough for a JVM start on a loaded machine; a refused command line exits well within it. */
  static final Duration BOUND = Duration.ofSeconds(30);

  private static final List<String> NOBODY =
      List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

  private final Env env;
  private final Map<String, String> environment;
  private final Path scratch;

  Cli(Env env, Map<String, String> environment, Path scratch) {
    this.env = env;
    this.environment = Map.copyOf(environment);
    this.scratch = scratch;
  }

  /** Whether cases can run as an unprivileged user: null if so, else why not. */
  static String nobodyUnavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not root: cannot switch to uid 65534 (and mode-000 files are unreadable anyway)";
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "setpriv"))) {
        return null;
      }
    }
    return "no setpriv on PATH";
  }

  Run run(Case.Tool tool, List<String> args, boolean unprivileged)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (unprivileged) {
      cmd.addAll(NOBODY);
    }
    cmd.add(ChildProcess.java());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xshare:auto");
    if (tool == Case.Tool.JHSMTOOL) {
      cmd.add("-Dlhsm.progname=jhsmtool");
      cmd.add("-jar");
      cmd.add(env.copytoolJar().toString());
    } else {
      cmd.add("-jar");
      cmd.add(env.agentctlJar().toString());
    }
    cmd.addAll(args);
    Path out = Files.createTempFile(scratch, "out-", ".txt");
    Path err = Files.createTempFile(scratch, "err-", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(scratch.toFile())
              .redirectInput(new File("/dev/null"))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().putAll(environment);
      long t0 = System.nanoTime();
      Process p = pb.start();
      boolean done = p.waitFor(Await.scaled(BOUND).toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        // by PID: the process and what it started, nothing else
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err), !done, ms);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
