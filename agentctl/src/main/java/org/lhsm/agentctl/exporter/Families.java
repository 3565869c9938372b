package org.lhsm.agentctl.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gauge and counter families gathered during one scrape, by name without the {@code lustre_hsm_}
 * prefix, in the order they were first named.
 */
class Families {
  static final String PREFIX = "lustre_hsm_";

  final Map<String, Family> families = new LinkedHashMap<>();

  Family gauge(String name, String help) {
    return families.computeIfAbsent(name, n -> new Family(PREFIX + n, help, null, false));
  }

  Family gauge(String name, String help, Unit unit) {
    return families.computeIfAbsent(name, n -> new Family(PREFIX + n, help, unit, false));
  }

  Family counter(String name, String help) {
    return families.computeIfAbsent(name, n -> new Family(PREFIX + n, help, null, true));
  }

  /** Gauge/counter data points being gathered for one family. */
  static final class Family {
    final String name;
    final String help;
    final Unit unit;
    final boolean counter;
    final List<Object[]> points = new ArrayList<>();

    Family(String name, String help, Unit unit, boolean counter) {
      this.name = name;
      this.help = help;
      this.unit = unit;
      this.counter = counter;
    }

    void add(double value, String... labels) {
      points.add(new Object[] {value, Labels.of(labels)});
    }

    MetricSnapshot build() {
      if (counter) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        if (unit != null) {
          b.unit(unit);
        }
        for (Object[] p : points) {
          b.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder()
                  .value((Double) p[0])
                  .labels((Labels) p[1])
                  .build());
        }
        return b.build();
      }
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
      if (unit != null) {
        b.unit(unit);
      }
      for (Object[] p : points) {
        b.dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .value((Double) p[0])
                .labels((Labels) p[1])
                .build());
      }
      return b.build();
    }
  }
}
