package org.lhsm.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code /proc} tells about a process: CPU time ({@code /proc/<pid>/stat}), peak resident
 * memory ({@code VmHWM}, resettable through {@code clear_refs}); and the machine's load average.
 */
public final class ProcStat {
  private static final long CLOCK_TICKS = clockTicks();

  private ProcStat() {}

  /** User plus system CPU seconds of process {@code pid} so far. */
  public static double cpuSeconds(long pid) throws IOException {
    return cpuSecondsOf(
        Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII),
        CLOCK_TICKS);
  }

  /**
   * User plus system CPU seconds from the text of a {@code stat} file: {@code utime} and {@code
   * stime} are fields 14 and 15, counted after the command name (which may hold spaces and
   * parentheses: it ends at the last ')').
   */
  static double cpuSecondsOf(String stat, long ticksPerSecond) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
    }
    String[] f = stat.substring(close + 2).trim().split(" +");
    // f[0] is field 3 (state): utime is field 14, stime field 15
    long utime = Long.parseLong(f[14 - 3]);
    long stime = Long.parseLong(f[15 - 3]);
    return (utime + stime) / (double) ticksPerSecond;
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or an empty list. */
  public static List<Double> loadAverage() {
    try {
      String[] f =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" +");
      return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Peak resident set size of {@code pid} in bytes since start or the last {@link #resetPeak}. */
  public static long peakRssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IOException("no VmHWM in /proc/" + pid + "/status");
  }

  /** Resets the peak RSS to the current RSS (5 to {@code clear_refs}), to measure a part. */
  public static void resetPeak(long pid) throws IOException {
    Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5\n");
  }

  /** {@code getconf CLK_TCK}, the unit of {@code utime}/{@code stime} (100 if unknown). */
  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        long t = Long.parseLong(out);
        if (t > 0) {
          return t;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
