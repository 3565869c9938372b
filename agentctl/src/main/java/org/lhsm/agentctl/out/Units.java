package org.lhsm.agentctl.out;

import java.time.Duration;
import java.util.Locale;

/** Sizes, rates and durations for people: binary units, one decimal. */
public final class Units {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Units() {}

  /** {@code 1536} → {@code 1.5 KiB}; below 1 KiB in bytes. */
  public static String bytes(double n) {
    if (n < 1024) {
      return String.format(Locale.ROOT, "%.0f B", n);
    }
    int u = 0;
    double v = n;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
  }

  /** Bytes per second. */
  public static String rate(double bytesPerSecond) {
    return bytes(bytesPerSecond) + "/s";
  }

  /** {@code 37s}, {@code 4m05s}, {@code 1h02m}, {@code 3d04h}. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
  }
}
