package org.lhsm.bench.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lhsm.bench.report.Stats;
import org.lhsm.bench.report.Units;

/** The {@code daemon} benchmark's report of its rounds: a table for people, a map for JSON. */
record DaemonReport(
    int requests,
    long fileSize,
    int warmup,
    int agents,
    int perAgent,
    int maxRequests,
    List<String> jvmOptions,
    List<DaemonRound> done) {

  String text(List<Double> loadStart, List<Double> loadEnd) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "daemon: %d ARCHIVE requests of %s files (warm-up %d), %d agent(s) x %d workers,"
                + " max_requests %d, %d round(s)%n",
            requests,
            Units.binary(fileSize),
            warmup,
            agents,
            perAgent,
            maxRequests,
            done.size()));
    sb.append(
        String.format(
            Locale.ROOT,
            "%-5s %9s %9s %9s %11s %14s %14s %9s%n",
            "round",
            "fids s",
            "queue s",
            "drain s",
            "actions/s",
            "cpu s/1000 q",
            "cpu s/1000 d",
            "failed"));
    for (DaemonRound r : done) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-5d %9.2f %9.2f %9.2f %11.1f %14.3f %14.3f %9d%n",
              r.number(),
              r.fidSeconds(),
              r.queueSeconds(),
              r.drainSeconds(),
              r.actionsPerSec(),
              r.queueCpuSeconds() * 1000 / requests,
              r.cpuPer1000Actions(),
              r.failed()));
    }
    Stats rate = Stats.of(done.stream().map(DaemonRound::actionsPerSec).toList());
    Stats cpu = Stats.of(done.stream().map(DaemonRound::cpuPer1000Actions).toList());
    sb.append(
        String.format(
            Locale.ROOT,
            "actions/s: median %.1f (best %.1f, worst %.1f); daemon CPU s per 1000 actions: median"
                + " %.3f%n",
            rate.median(),
            rate.best(),
            rate.worst(),
            cpu.median()));
    sb.append(
        String.format(
            Locale.ROOT,
            "daemon JVM options: %s%n",
            jvmOptions.isEmpty() ? "(JVM defaults)" : String.join(" ", jvmOptions)));
    sb.append(
        String.format(
            Locale.ROOT,
            "machine: %d CPUs, load average %s at start, %s at end%n",
            Runtime.getRuntime().availableProcessors(),
            loadText(loadStart),
            loadText(loadEnd)));
    return sb.toString();
  }

  private static String loadText(List<Double> load) {
    return load.isEmpty()
        ? "unknown"
        : String.join(" ", load.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
  }

  Map<String, Object> json(Path work, boolean kept, List<Double> loadStart, List<Double> loadEnd) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", "daemon");
    m.put("directory", work.toString());
    m.put("kept", kept);
    m.put("requests", requests);
    m.put("fileSize", fileSize);
    m.put("warmup", warmup);
    m.put("agents", agents);
    m.put("workersPerAgent", perAgent);
    m.put("maxRequests", maxRequests);
    m.put("daemonJvmOptions", jvmOptions);
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("loadAverageStart", loadStart);
    m.put("loadAverageEnd", loadEnd);
    List<Map<String, Object>> rs = new ArrayList<>();
    for (DaemonRound r : done) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("round", r.number());
      o.put("emulatorPid", r.emulatorPid());
      o.put("fidSeconds", r.fidSeconds());
      o.put("queueSeconds", r.queueSeconds());
      o.put("drainSeconds", r.drainSeconds());
      o.put("actionsPerSec", r.actionsPerSec());
      o.put("ended", r.ended());
      o.put("failed", r.failed());
      o.put("actionLists", r.lists());
      o.put("succeedRecords", r.succeedRecords());
      o.put("daemonCpuSecondsQueue", r.queueCpuSeconds());
      o.put("daemonCpuSecondsDrain", r.drainCpuSeconds());
      o.put("daemonCpuSecondsPer1000Requests", r.queueCpuSeconds() * 1000 / requests);
      o.put("daemonCpuSecondsPer1000Actions", r.cpuPer1000Actions());
      o.put("agentCpuSecondsDrain", r.agentCpuSeconds());
      o.put("loadAverageBefore", r.loadBefore());
      o.put("loadAverageAfter", r.loadAfter());
      rs.add(o);
    }
    m.put("rounds", rs);
    m.put("actionsPerSec", statsJson(done.stream().map(DaemonRound::actionsPerSec).toList()));
    m.put(
        "daemonCpuSecondsPer1000Actions",
        statsJson(done.stream().map(DaemonRound::cpuPer1000Actions).toList()));
    m.put("queueSeconds", statsJson(done.stream().map(DaemonRound::queueSeconds).toList()));
    m.put("drainSeconds", statsJson(done.stream().map(DaemonRound::drainSeconds).toList()));
    return m;
  }

  /** Median, smallest and largest of the rounds' values, and the values in round order. */
  private static Map<String, Object> statsJson(List<Double> values) {
    Stats s = Stats.of(values);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", s.median());
    m.put("min", s.worst());
    m.put("max", s.best());
    m.put("samples", values);
    return m;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
