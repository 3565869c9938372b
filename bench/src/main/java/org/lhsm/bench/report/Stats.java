package org.lhsm.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Best and median of repeated measurements.
 *
 * @param best the largest value (for rates: the fastest round)
 * @param median the middle value, or the mean of the two middle values
 * @param worst the smallest value
 */
public record Stats(double best, double median, double worst) {

  /** Summarises at least one value. */
  public static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(sorted.get(n - 1), median, sorted.get(0));
  }
}
