package org.lhsm.bench.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lhsm.bench.report.Stats;
import org.lhsm.bench.report.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MB/s of each tool and operation over the rounds, and their table (text and JSON). */
final class RateTable {
  private static final Logger LOG = LoggerFactory.getLogger(RateTable.class);

  private final Map<String, List<Double>> rates = new LinkedHashMap<>();

  void clear() {
    rates.clear();
  }

  void record(String what, long bytes, long nanos) {
    double mbs = Units.mbPerSec(bytes, nanos);
    rates.computeIfAbsent(what, k -> new ArrayList<>()).add(mbs);
    LOG.info("{}: {} MB/s", what, String.format(Locale.ROOT, "%.1f", mbs));
  }

  Map<String, Object> table(StringBuilder text) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
      Stats s = Stats.of(e.getValue());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rounds_mb_s", e.getValue());
      row.put("best_mb_s", s.best());
      row.put("median_mb_s", s.median());
      out.put(e.getKey(), row);
      text.append(
          String.format(
              Locale.ROOT,
              "  %-22s median %8.1f  best %8.1f  rounds %s%n",
              e.getKey(),
              s.median(),
              s.best(),
              e.getValue().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
    }
    for (String op : List.of("archive", "restore")) {
      List<Double> j = rates.get(op + "/jhsmtool");
      List<Double> r = rates.get(op + "/rclone");
      if (j != null && r != null) {
        double ratio = Stats.of(j).median() / Stats.of(r).median();
        out.put(op + "_ratio_median", ratio);
        text.append(
            String.format(Locale.ROOT, "  %s jhsmtool/rclone (medians): %.3f%n", op, ratio));
      }
    }
    return out;
  }
}
