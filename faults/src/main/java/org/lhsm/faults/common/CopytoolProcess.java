package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code jhsmtool} from its runnable jar as a child process, in the foreground, owned by the
 * campaign: its output goes to a log that can be searched from where this start began.
 */
public final class CopytoolProcess implements AutoCloseable {
  private final ChildProcess child;
  private final Path log;
  private final long logStart;

  private CopytoolProcess(ChildProcess child, Path log, long logStart) {
    this.child = child;
    this.log = log;
    this.logStart = logStart;
  }

  /** What jhsmtool logs once registered and waiting for its first action list. */
  public static final String READY = "waiting for message from kernel";

  /**
   * A small jhsmtool serving archive 1 ({@code --max-jobs 2}, progress every second), returned once
   * it waits for work.
   */
  public static CopytoolProcess startServing(Env env, Path mount, Path hsmRoot, Path log)
      throws IOException {
    CopytoolProcess ct =
        start(
            env,
            "jhsmtool",
            mount,
            hsmRoot,
            List.of(),
            List.of("--archive", "1", "--max-jobs", "2", "-u", "1"),
            log);
    try {
      ct.awaitLine(READY, Duration.ofSeconds(120));
    } catch (RuntimeException | Error e) {
      ct.close();
      throw e;
    }
    return ct;
  }

  /**
   * Starts {@code java [jvmOptions] -jar COPYTOOL --hsm-root ROOT [args...] MOUNT}.
   *
   * @param jvmOptions e.g. {@code -Djhsmtool.test.pauseAt=copy:2}
   */
  public static CopytoolProcess start(
      Env env,
      String name,
      Path mount,
      Path hsmRoot,
      List<String> jvmOptions,
      List<String> args,
      Path log)
      throws IOException {
    return start(env, name, mount, hsmRoot, jvmOptions, args, log, Map.of());
  }

  /** As {@link #start}, with {@code extraEnv} added to the child's environment. */
  public static CopytoolProcess start(
      Env env,
      String name,
      Path mount,
      Path hsmRoot,
      List<String> jvmOptions,
      List<String> args,
      Path log,
      Map<String, String> extraEnv)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.java());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-Dlhsm.progname=jhsmtool");
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(env.copytoolJar().toString());
    cmd.add("--hsm-root");
    cmd.add(hsmRoot.toString());
    cmd.addAll(args);
    cmd.add(mount.toString());
    long start = Files.exists(log) ? Files.size(log) : 0;
    Map<String, String> environment = new java.util.HashMap<>(extraEnv);
    environment.put("LHSM_LIBLUSTREAPI", env.library().toString());
    ChildProcess c = ChildProcess.start(name, cmd, environment, log);
    return new CopytoolProcess(c, log, start);
  }

  public long pid() {
    return child.pid();
  }

  public boolean isAlive() {
    return child.isAlive();
  }

  public Path log() {
    return log;
  }

  /** What this start wrote to the log so far. */
  public String output() throws IOException {
    byte[] all = Files.readAllBytes(log);
    int from = (int) Math.min(logStart, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  /** The first line of this start's output containing {@code text}, if any yet. */
  public Optional<String> line(String text) throws IOException {
    return output().lines().filter(l -> l.contains(text)).findFirst();
  }

  /** Waits until a line containing {@code text} appears; fails past {@code timeout}. */
  public String awaitLine(String text, Duration timeout) {
    return Await.until(
            "'" + text + "' in " + log,
            timeout,
            () -> {
              if (!isAlive() && line(text).isEmpty()) {
                throw new AssertionError(child + " exited:\n" + child.logTail());
              }
              return line(text);
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** SIGKILL, nothing cleaned up; returns the exit status. */
  public int kill9() {
    return child.kill9();
  }

  /** SIGTERM, SIGKILL past {@code grace}; returns the exit status. */
  public int stop(Duration grace) throws InterruptedException {
    return child.stop(grace);
  }

  public int awaitExit(Duration timeout) throws InterruptedException {
    return child.awaitExit(timeout);
  }

  public String logTail() {
    return child.logTail();
  }

  @Override
  public void close() {
    child.close();
  }

  @Override
  public String toString() {
    return child.toString();
  }
}
