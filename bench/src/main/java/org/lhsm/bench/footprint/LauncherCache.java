package org.lhsm.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.lhsm.emulator.testkit.EmulatorProcess;

/**
 * The jhsmtool launcher's cache ({@code JHSMTOOL_CACHE_DIR}): its first start builds a
 * class-data-sharing archive in the background (a {@code <key>.training} lock directory while it
 * runs). Measurements start after that, as every start but the first on a machine does.
 */
final class LauncherCache {
  private static final Duration TRAINING_WAIT = Duration.ofMinutes(10);

  private LauncherCache() {}

  /**
   * One start of {@code t} (to registered, then SIGTERM) on {@code emu}, then waits until the
   * training it started has ended; nothing for the stock tool.
   */
  static void warmUp(Tool t, EmulatorProcess emu, Path arc, Path log)
      throws IOException, InterruptedException {
    if (t.stock()) {
      return;
    }
    try (CopytoolChild ct = CopytoolChild.start(t, emu, arc, emu.mount(2), log)) {
      ct.awaitRegistered(Duration.ofMinutes(3));
      ct.stop();
      ct.awaitUnregistered(Duration.ofMinutes(1));
    }
    awaitTraining(t);
  }

  /** Waits while a training run (a {@code *.training} lock) is under way in the tool's cache. */
  static void awaitTraining(Tool t) throws IOException, InterruptedException {
    String dir = t.env().get(ToolOptions.CACHE_DIR);
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      return;
    }
    long deadline = System.nanoTime() + TRAINING_WAIT.toNanos();
    while (training(Path.of(dir))) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the launcher's archive training in " + dir + " takes too long");
      }
      Thread.sleep(100);
    }
  }

  /**
   * The class-data-sharing archive in the tool's cache, if its launcher built one (a launcher given
   * other JVM options since keeps one per option set: the newest is returned).
   */
  static java.util.Optional<Path> archive(Tool t) throws IOException {
    String dir = t.env().get(ToolOptions.CACHE_DIR);
    if (t.stock() || dir == null || !Files.isDirectory(Path.of(dir))) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> s = Files.walk(Path.of(dir), 2)) {
      return s.filter(p -> p.getFileName().toString().equals("jhsmtool.jsa"))
          .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()));
    }
  }

  private static boolean training(Path cache) throws IOException {
    try (Stream<Path> s = Files.walk(cache, 1)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".training"));
    }
  }
}
