package org.lhsm.bench.emulator;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lhsm.bench.report.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator daemon as a child process ({@code start DIR --foreground}), its output copied to a
 * log file. {@link #close()} stops it by PID: SIGTERM (the daemon sends shutdown frames and removes
 * its socket), SIGKILL to it and its descendants if it is still there after a grace period.
 */
public final class EmulatorProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final int SUN_PATH_MAX = 107;

  /** What the daemon printed once it was ready. */
  public record Ready(String fsname, List<Path> mounts) {}

  private final Process process;
  private final Path dir;
  private final Path log;
  private final Ready ready;

  private EmulatorProcess(Process process, Path dir, Path log, Ready ready) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.ready = ready;
  }

  /**
   * A new, empty directory for an emulated file system: under {@code preferredParent} (to keep the
   * emulated files on that file system) when the daemon's socket path fits in {@code sun_path},
   * else under {@code java.io.tmpdir}.
   */
  public static Path newDirectory(Path preferredParent) throws IOException {
    if (preferredParent != null) {
      Path dir = Files.createTempDirectory(preferredParent, "emu-").toAbsolutePath();
      if (fits(dir)) {
        return dir;
      }
      Files.delete(dir);
      LOG.info("{} is too deep for the emulator's socket: using {}", dir, tmpdir());
    }
    Path dir = Files.createTempDirectory("lhsm-bench-emu-").toAbsolutePath();
    if (!fits(dir)) {
      FileTrees.delete(dir);
      throw new IOException(
          "emulator socket path under "
              + dir
              + " is too long for a UNIX socket; set a shorter -Djava.io.tmpdir");
    }
    return dir;
  }

  private static String tmpdir() {
    return System.getProperty("java.io.tmpdir");
  }

  private static boolean fits(Path dir) {
    return dir.resolve("state/emulator.sock").toString().getBytes(StandardCharsets.UTF_8).length
        <= SUN_PATH_MAX;
  }

  /**
   * Starts the daemon on a new, empty {@code dir} with {@code mounts} client mounts and waits (up
   * to {@code timeout}) until it serves.
   */
  public static EmulatorProcess start(
      Path jar, Path lib, Path dir, int mounts, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dlhsm.native.dir=" + lib.toAbsolutePath().getParent(),
            "-jar",
            jar.toString(),
            "start",
            dir.toString(),
            "--mounts",
            Integer.toString(mounts),
            "--foreground");
    Files.writeString(log, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .start();
    LOG.info("emulator started as pid {} on {}", p.pid(), dir);
    CompletableFuture<Ready> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> copyOutput(p, log, ready), "emulator-output");
    reader.setDaemon(true);
    reader.start();
    try {
      Ready r = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r.mounts().size() < mounts || r.fsname() == null) {
        throw new ExecutionException(
            new IOException("emulator printed no fsname or fewer than " + mounts + " mounts"));
      }
      return new EmulatorProcess(p, dir, log, r);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      kill(p);
      if (e instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IOException(
          "emulator did not become ready"
              + (e instanceof TimeoutException ? " within " + timeout.toSeconds() + " s" : "")
              + "; see "
              + log,
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  /** Copies the daemon's output to the log; completes {@code ready} at the export line. */
  private static void copyOutput(Process p, Path log, CompletableFuture<Ready> ready) {
    String fsname = null;
    List<Path> mounts = new ArrayList<>();
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (ready.isDone()) {
          continue;
        }
        if (line.startsWith("emulated filesystem ")) {
          fsname = line.substring("emulated filesystem ".length()).split(" ", 2)[0];
        } else if (line.startsWith("mount: ")) {
          mounts.add(Path.of(line.substring("mount: ".length()).strip()));
        } else if (line.startsWith("export LHSM_LIBLUSTREAPI=")) {
          ready.complete(new Ready(fsname, List.copyOf(mounts)));
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    } finally {
      ready.completeExceptionally(new IOException("emulator exited before it was ready"));
    }
  }

  /** The emulated file system's directory. */
  public Path directory() {
    return dir;
  }

  public long pid() {
    return process.pid();
  }

  public Ready ready() {
    return ready;
  }

  /** Client mount {@code i} (0-based). */
  public Path mount(int i) {
    return ready.mounts().get(i);
  }

  public Path log() {
    return log;
  }

  /**
   * Sets {@code hsm.max_requests} (default 3) so that dispatch does not limit the copies: the value
   * is written in place, and the daemon's next wake-up (at most a second later) applies it and
   * replaces the file, which is what is awaited.
   */
  public void setMaxRequests(int n) throws Exception {
    Path f = dir.resolve("state/params/mdt/" + ready.fsname() + "-MDT0000/hsm/max_requests");
    Object before = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
    Files.writeString(f, n + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    Await.until(
        "hsm.max_requests=" + n + " applied",
        Duration.ofSeconds(60),
        () -> {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          return !Objects.equals(a.fileKey(), before)
              && Files.readString(f, StandardCharsets.UTF_8).strip().equals(Integer.toString(n));
        });
  }

  /** SIGTERM by PID, then SIGKILL (with descendants) after the grace period; waits for the exit. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    LOG.info("stopping emulator pid {}", process.pid());
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "emulator pid {} ignored SIGTERM for {} s: killing it", pid(), STOP_GRACE.toSeconds());
        kill(process);
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
    }
  }

  private static void kill(Process p) {
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.onExit().join();
  }
}
