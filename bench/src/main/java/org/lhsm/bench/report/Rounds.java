package org.lhsm.bench.report;

import java.util.ArrayList;
import java.util.List;

/** Interleaved rounds: every contender once per round, the order rotating by one each round. */
public final class Rounds {
  private Rounds() {}

  /** {@code items} rotated left by {@code round} (round 0 is the given order). */
  public static <T> List<T> rotated(List<T> items, int round) {
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(items.get((i + round) % items.size()));
    }
    return out;
  }
}
