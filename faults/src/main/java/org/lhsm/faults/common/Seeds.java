package org.lhsm.faults.common;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeds. A campaign's seed determines its whole plan (files, sizes, operations, kill points); trial
 * {@code k} of it gets its own seed derived from the campaign seed, its name and {@code k}, so one
 * trial can be replayed alone ({@code --seed S --trial K}).
 */
public final class Seeds {
  private Seeds() {}

  /** The seed of trial {@code trial} of {@code campaign} under {@code campaignSeed}. */
  public static long trial(long campaignSeed, String campaign, int trial) {
    long h = campaignSeed;
    for (char c : campaign.toCharArray()) {
      h = h * 31 + c;
    }
    return new SplittableRandom(h ^ (0x9E3779B97F4A7C15L * (trial + 1))).nextLong();
  }

  public static SplittableRandom random(long seed) {
    return new SplittableRandom(seed);
  }

  public static String hex(long seed) {
    return String.format(Locale.ROOT, "0x%016x", seed);
  }

  /** Parses {@code 0x...} (hex) or a decimal number. */
  public static long parse(String text) {
    String t = text.strip();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Long.parseUnsignedLong(t.substring(2), 16);
    }
    return Long.parseLong(t);
  }
}
