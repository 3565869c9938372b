package org.lhsm.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a measurement ran: CPUs, memory, kernel, the harness's JDK, when. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", Instant.now().toString());
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("memTotalKiB", memTotalKiB());
    m.put("kernel", System.getProperty("os.version"));
    m.put("harnessJava", System.getProperty("java.vm.version"));
    return m;
  }

  private static long memTotalKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
