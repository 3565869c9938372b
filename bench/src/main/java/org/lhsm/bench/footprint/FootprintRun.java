package org.lhsm.bench.footprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lhsm.bench.report.Units;

/**
 * One copytool's run of one scenario: start → registered → (settle) → request → all ended →
 * (settle) → SIGTERM, with every memory sample taken.
 *
 * @param idle the sample taken right before the request
 * @param requestedMillis when the request was sent (ms since the copytool's start)
 * @param doneMillis when the last action had ended
 * @param cpuSeconds user + system CPU of the copytool process until the end
 * @param checkpoints RSS when the first {@code --few} actions had ended (small only) and when all
 *     had
 */
record FootprintRun(
    String tool,
    String scenario,
    int files,
    long fileSize,
    int maxRequests,
    double registeredSeconds,
    RssSampler.Sample idle,
    long requestedMillis,
    long doneMillis,
    double seconds,
    double cpuSeconds,
    List<Checkpoint> checkpoints,
    List<RssSampler.Sample> samples) {

  /** The sample taken when {@code ended} actions had ended (as the coordinator counts them). */
  record Checkpoint(long ended, RssSampler.Sample sample) {}

  /** RSS when all actions had ended minus RSS after the first few (0 with one checkpoint). */
  long growthKiB() {
    return checkpoints.get(checkpoints.size() - 1).sample().rssKiB()
        - checkpoints.get(0).sample().rssKiB();
  }

  /**
   * The larger of VmHWM at the end (the kernel's own peak, whatever the sampling missed) and the
   * largest sampled VmRSS: the kernel keeps RSS in per-CPU counters and updates the high-water mark
   * only now and then, so a sample can exceed the final VmHWM by a few hundred KiB.
   */
  long peakKiB() {
    return Math.max(samples.get(samples.size() - 1).hwmKiB(), maxSampledKiB());
  }

  long maxSampledKiB() {
    long m = 0;
    for (RssSampler.Sample s : samples) {
      m = Math.max(m, s.rssKiB());
    }
    return m;
  }

  long endKiB() {
    return samples.get(samples.size() - 1).rssKiB();
  }

  int maxThreads() {
    int m = 0;
    for (RssSampler.Sample s : samples) {
      m = Math.max(m, s.threads());
    }
    return m;
  }

  String load() {
    return files + " x " + Units.binary(fileSize);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("scenario", scenario);
    m.put("files", files);
    m.put("fileSize", fileSize);
    m.put("maxRequests", maxRequests);
    m.put("registeredSeconds", registeredSeconds);
    m.put("idleRssKiB", idle.rssKiB());
    m.put("peakRssKiB", peakKiB());
    m.put("maxSampledRssKiB", maxSampledKiB());
    m.put("endRssKiB", endKiB());
    m.put("requestedMillis", requestedMillis);
    m.put("doneMillis", doneMillis);
    m.put("seconds", seconds);
    m.put("actionsPerSecond", seconds > 0 ? files / seconds : 0.0);
    m.put("cpuSeconds", cpuSeconds);
    m.put("maxThreads", maxThreads());
    List<Map<String, Object>> cps = new ArrayList<>();
    for (Checkpoint c : checkpoints) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("ended", c.ended());
      p.put("ms", c.sample().millis());
      p.put("rssKiB", c.sample().rssKiB());
      p.put("hwmKiB", c.sample().hwmKiB());
      cps.add(p);
    }
    m.put("checkpoints", cps);
    m.put("growthKiB", growthKiB());
    List<Map<String, Object>> series = new ArrayList<>();
    for (RssSampler.Sample s : samples) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("ms", s.millis());
      p.put("rssKiB", s.rssKiB());
      p.put("hwmKiB", s.hwmKiB());
      p.put("threads", s.threads());
      series.add(p);
    }
    m.put("samples", series);
    return m;
  }

  static void table(StringBuilder b, List<FootprintRun> runs) {
    b.append(
        String.format(
            Locale.ROOT,
            "%-14s %-18s %8s %10s %10s %10s %10s %9s %9s %7s%n",
            "tool",
            "load",
            "in flight",
            "registered",
            "idle RSS",
            "peak RSS",
            "end RSS",
            "time",
            "actions/s",
            "CPU s"));
    for (FootprintRun r : runs) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-14s %-18s %8d %9.3fs %10s %10s %10s %8.2fs %9.1f %7.2f%n",
              r.tool,
              r.load(),
              r.maxRequests,
              r.registeredSeconds,
              mib(r.idle.rssKiB()),
              mib(r.peakKiB()),
              mib(r.endKiB()),
              r.seconds,
              r.seconds > 0 ? r.files / r.seconds : 0.0,
              r.cpuSeconds));
    }
    b.append(
        "  peak RSS = VmHWM at the end (the kernel's peak) or the largest sample if larger;"
            + " idle = before the request\n");
    for (FootprintRun r : runs) {
      if (r.checkpoints.size() < 2) {
        continue;
      }
      Checkpoint few = r.checkpoints.get(0);
      Checkpoint all = r.checkpoints.get(r.checkpoints.size() - 1);
      b.append(
          String.format(
              Locale.ROOT,
              "%s, %s: RSS %s after %d actions ended, %s after %d (%+.1f MiB)%n",
              r.tool,
              r.load(),
              mib(few.sample().rssKiB()),
              few.ended(),
              mib(all.sample().rssKiB()),
              all.ended(),
              r.growthKiB() / 1024.0));
    }
  }

  /** {@code tool load: t=0.0s 12 MiB, …} with at most {@code points} samples. */
  void series(StringBuilder b, int points) {
    b.append(
        String.format(
            Locale.ROOT,
            "%s, %s (request at %.1f s, done at %.1f s):%n  ",
            tool,
            load(),
            requestedMillis / 1e3,
            doneMillis / 1e3));
    List<String> parts = new ArrayList<>();
    for (RssSampler.Sample s : RssSampler.thin(samples, points)) {
      parts.add(String.format(Locale.ROOT, "%.1fs %s", s.millis() / 1e3, mib(s.rssKiB())));
    }
    b.append(String.join(", ", parts)).append('\n');
  }

  static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
  }
}
