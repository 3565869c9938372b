package org.lhsm.bench.smoke;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar lhsm-bench.jar ARGS} as a child process, output in files. The test owns it:
 * {@link #close()} kills it and its descendants (the emulator it started) by PID if they are still
 * there.
 */
final class Harness implements AutoCloseable {
  /** How the run ended. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Process process;
  private final Path out;
  private final Path err;
  private final List<ProcessHandle> seen = new ArrayList<>();

  private Harness(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("lhsm.bench.jar", "target/lhsm-bench.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " missing: run through Maven (failsafe, after package)");
    }
    return jar;
  }

  /** A fresh directory for one test below {@code -Dlhsm.bench.workDir}. */
  static Path workDir(String name) throws IOException {
    Path base = Path.of(System.getProperty("lhsm.bench.workDir", "target/smoke"));
    return Files.createTempDirectory(Files.createDirectories(base), name + "-");
  }

  static Harness start(Path logDir, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(args);
    Path out = logDir.resolve("stdout.txt");
    Path err = logDir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new Harness(p, out, err);
  }

  /** Waits for the exit (no polling: {@link Process#onExit()}), failing after {@code limit}. */
  Result await(Duration limit) throws IOException, InterruptedException {
    try {
      seen.addAll(process.descendants().toList());
      int rc = process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS).exitValue();
      return new Result(
          rc,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "harness still running after "
              + limit.toSeconds()
              + " s; stderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8),
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(seen);
    tree.addAll(process.descendants().toList());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    for (ProcessHandle h : tree) {
      h.onExit().join();
    }
    process.onExit().join();
  }
}
