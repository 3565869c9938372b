package org.lhsm.copytool.cli;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Sizes as {@code lfs} parses them, with MiB as the default unit: {@code 1} = 1 MiB, {@code 512K},
 * {@code 2M}, {@code 1.5G}, {@code 100c} (bytes), {@code 8b} (512-byte blocks).
 */
final class SizeParser {
  private SizeParser() {}

  static long parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty size");
    }
    char last = s.charAt(s.length() - 1);
    long unit;
    String number = s.substring(0, s.length() - 1);
    switch (Character.toLowerCase(last)) {
      case 'c' -> unit = 1;
      case 'b' -> unit = 512;
      case 'k' -> unit = 1L << 10;
      case 'm' -> unit = 1L << 20;
      case 'g' -> unit = 1L << 30;
      case 't' -> unit = 1L << 40;
      case 'p' -> unit = 1L << 50;
      case 'e' -> unit = 1L << 60;
      default -> {
        unit = 1L << 20;
        number = s;
      }
    }
    BigDecimal value;
    try {
      value = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad size '" + text + "'");
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative size '" + text + "'");
    }
    BigDecimal bytes = value.multiply(BigDecimal.valueOf(unit));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size too large '" + text + "'");
    }
    return bytes.longValue();
  }

  static String describe(long bytes) {
    return String.format(Locale.ROOT, "%d bytes", bytes);
  }
}
