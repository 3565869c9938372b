package org.lhsm.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code /proc} says about a process: resident memory, its peak, threads, CPU time. */
record ProcStatus(long rssKiB, long hwmKiB, int threads) {

  /** {@code VmRSS}, {@code VmHWM} and {@code Threads} of {@code pid}; empty once it is gone. */
  static Optional<ProcStatus> of(long pid) {
    long rss = -1;
    long hwm = -1;
    int threads = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        } else if (line.startsWith("Threads:")) {
          threads = (int) kib(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return rss < 0 || hwm < 0 ? Optional.empty() : Optional.of(new ProcStatus(rss, hwm, threads));
  }

  private static long kib(String line) {
    String[] f = line.trim().split("\\s+");
    return Long.parseLong(f[1]);
  }

  /** User + system CPU seconds of {@code pid} (fields 14 and 15 of its stat), or -1. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may hold spaces: count from the closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks / (double) CLOCK_TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** USER_HZ: 100 on every Linux architecture the copytool runs on. */
  private static final int CLOCK_TICKS = 100;

  /** The first three fields of {@code /proc/loadavg} (1, 5, 15 minutes), e.g. "1.02 0.87 0.50". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
