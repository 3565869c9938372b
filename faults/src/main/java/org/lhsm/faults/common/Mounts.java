package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.testkit.ChildProcess;

/** Small filesystems for the disk-full campaign: tmpfs with a size limit (root only). */
public final class Mounts {
  private Mounts() {}

  /** Why mounting cannot work here, or null. */
  public static String unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "needs root to mount a tmpfs";
    }
    return null;
  }

  /** Mounts a tmpfs of {@code bytes} at {@code dir} (created if needed). */
  public static void tmpfs(Path dir, long bytes) throws IOException {
    Files.createDirectories(dir);
    run(
        List.of(
            "mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", dir.toString()));
  }

  public static void umount(Path dir) throws IOException {
    run(List.of("umount", dir.toString()));
  }

  private static void run(List<String> cmd) throws IOException {
    ChildProcess.Result r = ChildProcess.run(cmd, Map.of(), Duration.ofSeconds(60));
    if (r.exitCode() != 0) {
      throw new IOException(
          String.join(" ", cmd) + " failed (" + r.exitCode() + "): " + r.stderr());
    }
  }

  /** Free bytes on the filesystem of {@code p}. */
  public static long free(Path p) throws IOException {
    return Files.getFileStore(p).getUsableSpace();
  }
}
