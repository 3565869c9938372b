package org.lhsm.bench.throughput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code MemAvailable} from {@code /proc/meminfo}: whether the files can stay in the page cache.
 */
final class MemInfo {
  private MemInfo() {}

  static Optional<Long> available() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          String[] f = line.split("\\s+");
          return Optional.of(Long.parseLong(f[1]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
