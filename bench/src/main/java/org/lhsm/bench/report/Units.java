package org.lhsm.bench.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Sizes and rates. Input: a number with an optional binary unit ({@code 512K}, {@code 8M}, {@code
 * 8MiB}, {@code 1G}, {@code 4096B}); a plain number means MiB, as jhsmtool's {@code -b} and {@code
 * -c} do. Output: MB/s is 10<sup>6</sup> bytes per second (as {@code dd} and {@code cp} speeds are
 * usually quoted); sizes and limits are printed in binary units.
 */
public final class Units {
  public static final long KIB = 1024;
  public static final long MIB = KIB * 1024;
  public static final long GIB = MIB * 1024;

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b)?(/s)?", Pattern.CASE_INSENSITIVE);

  private Units() {}

  /** Parses a size or a rate in bytes (per second); rejects zero, negatives and garbage. */
  public static long parseBytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid size '" + text + "' (expected e.g. 512K, 8M, 1G; a plain number is MiB)");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    boolean bytes = unit.isEmpty() && m.group(3) != null && m.group(3).equalsIgnoreCase("b");
    long mult =
        switch (unit) {
          case "k" -> KIB;
          case "m" -> MIB;
          case "g" -> GIB;
          case "t" -> GIB * 1024;
          default -> bytes ? 1 : MIB;
        };
    double v = Double.parseDouble(m.group(1)) * mult;
    if (v < 1 || v > Long.MAX_VALUE / 2.0) {
      throw new IllegalArgumentException("size '" + text + "' out of range");
    }
    return (long) Math.floor(v);
  }

  /** {@code 1 GiB}, {@code 8 MiB}, {@code 1.5 MiB}, {@code 300 B}. */
  public static String binary(double bytes) {
    String[] names = {"B", "KiB", "MiB", "GiB", "TiB"};
    int i = 0;
    double v = bytes;
    while (Math.abs(v) >= 1024 && i < names.length - 1) {
      v /= 1024;
      i++;
    }
    String num =
        v == Math.rint(v)
            ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.2f", v);
    return num + " " + names[i];
  }

  /** Bytes over nanoseconds as MB/s (10^6 bytes per second). */
  public static double mbPerSec(long bytes, long nanos) {
    return nanos <= 0 ? 0 : bytes / (nanos / 1e9) / 1e6;
  }

  /** picocli converter for size and rate options. */
  public static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return parseBytes(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
