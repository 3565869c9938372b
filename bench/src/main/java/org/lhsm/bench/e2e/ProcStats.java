package org.lhsm.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code /proc} tells about a copytool process: CPU seconds used (user + system, {@code
 * /proc/PID/stat}) and peak resident memory ({@code VmHWM} in {@code /proc/PID/status}), whose peak
 * can be reset between cases by writing 5 to {@code /proc/PID/clear_refs}.
 */
final class ProcStats {
  // USER_HZ: the unit of utime/stime, 100 on every Linux architecture the project runs on
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** User + system CPU seconds of {@code pid} so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return (utime + stime) / TICKS_PER_SECOND;
  }

  /** Peak resident set size of {@code pid} in bytes since start or the last {@link #resetPeak}. */
  static long peakRssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IOException("no VmHWM in /proc/" + pid + "/status");
  }

  /** Resets the peak to the current RSS, so the next {@link #peakRssBytes} covers one case. */
  static void resetPeak(long pid) throws IOException {
    Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5\n");
  }

  /** The 1/5/15-minute load averages, as {@code /proc/loadavg} shows them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
