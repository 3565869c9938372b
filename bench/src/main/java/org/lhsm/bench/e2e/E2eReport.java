package org.lhsm.bench.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lhsm.bench.report.Stats;
import org.lhsm.bench.report.Units;

/**
 * The {@code e2e} results: per case and peer min/median/max of the time to the flag, the rate at
 * the median, speed ratios of jhsmtool against the peers measured in the same run, the copytool's
 * peak RSS and CPU per action, the phase split; registration times. JSON and a markdown table.
 */
final class E2eReport {
  private final Map<String, Object> header;
  private final List<Sample> samples;
  private final List<E2eRounds.Registration> registrations;

  E2eReport(
      Map<String, Object> header,
      List<Sample> samples,
      List<E2eRounds.Registration> registrations) {
    this.header = header;
    this.samples = List.copyOf(samples);
    this.registrations = List.copyOf(registrations);
  }

  /** The summary of one (case, peer) pair. */
  record Row(
      String caseName,
      String peer,
      List<Sample> samples,
      Stats seconds,
      double rate,
      String rateUnit,
      Map<String, Double> versus,
      Long peakRssBytes,
      Double cpuMsPerAction,
      Map<String, Double> phases,
      Double meanInFlight,
      Double emulatorCpuMsPerAction) {}

  List<Row> rows() {
    Map<String, Map<String, List<Sample>>> byCase = new LinkedHashMap<>();
    for (Sample s : samples) {
      byCase
          .computeIfAbsent(s.caseName(), k -> new LinkedHashMap<>())
          .computeIfAbsent(s.peer(), k -> new ArrayList<>())
          .add(s);
    }
    List<Row> rows = new ArrayList<>();
    for (var c : byCase.entrySet()) {
      Map<String, Stats> stats = new LinkedHashMap<>();
      c.getValue().forEach((peer, l) -> stats.put(peer, Stats.of(secondsOf(l))));
      for (var p : c.getValue().entrySet()) {
        rows.add(row(c.getKey(), p.getKey(), p.getValue(), stats));
      }
    }
    return rows;
  }

  private static Row row(String caseName, String peer, List<Sample> l, Map<String, Stats> all) {
    Stats st = all.get(peer);
    Sample first = l.get(0);
    boolean single = first.actions() == 1;
    double rate =
        single
            ? Units.mbPerSec(first.bytes(), (long) (st.median() * 1e9))
            : first.actions() / st.median();
    // speed ratios: the peer's median time over jhsmtool's (above 1: jhsmtool is faster)
    Map<String, Double> versus = new LinkedHashMap<>();
    if (peer.equals(Peer.JHSMTOOL)) {
      for (var o : all.entrySet()) {
        if (!o.getKey().equals(peer)) {
          versus.put(o.getKey(), o.getValue().median() / st.median());
        }
      }
    }
    Long peak =
        l.stream().map(Sample::peakRssBytes).filter(x -> x != null).max(Long::compare).orElse(null);
    Double cpu =
        median(l, s -> s.cpuSeconds() == null ? null : s.cpuSeconds() * 1000 / s.actions());
    Map<String, Double> phases = new LinkedHashMap<>();
    for (String ph : TimedRequest.PHASES) {
      Double m = median(l, s -> s.phases().get(ph));
      if (m != null) {
        phases.put(ph, m);
      }
    }
    return new Row(
        caseName,
        peer,
        l,
        st,
        rate,
        single ? "MB/s" : "files/s",
        versus,
        peak,
        cpu,
        phases,
        median(l, Sample::meanInFlight),
        median(
            l,
            s ->
                s.emulatorCpuSeconds() == null
                    ? null
                    : s.emulatorCpuSeconds() * 1000 / s.actions()));
  }

  private static List<Double> secondsOf(List<Sample> l) {
    return l.stream().map(Sample::seconds).toList();
  }

  private static Double median(List<Sample> l, Function<Sample, Double> f) {
    List<Double> v = l.stream().map(f).filter(x -> x != null).toList();
    return v.isEmpty() ? null : Stats.of(v).median();
  }

  /** Per copytool: one of the registration figures of every start. */
  private Map<String, List<Double>> registrationsByPeer(
      Function<E2eRounds.Registration, Double> figure) {
    Map<String, List<Double>> m = new LinkedHashMap<>();
    for (var r : registrations) {
      m.computeIfAbsent(r.peer(), k -> new ArrayList<>()).add(figure.apply(r));
    }
    return m;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>(header);
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Row r : rows()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("case", r.caseName());
      c.put("peer", r.peer());
      c.put("actions", r.samples().get(0).actions());
      c.put("bytes", r.samples().get(0).bytes());
      c.put("minSeconds", r.seconds().worst());
      c.put("medianSeconds", r.seconds().median());
      c.put("maxSeconds", r.seconds().best());
      c.put("rateAtMedian", r.rate());
      c.put("rateUnit", r.rateUnit());
      c.put("speedVersus", r.versus());
      c.put("peakRssBytes", r.peakRssBytes());
      c.put("cpuMsPerAction", r.cpuMsPerAction());
      c.put("medianPhaseSeconds", r.phases());
      c.put("meanInFlight", r.meanInFlight());
      c.put("emulatorCpuMsPerAction", r.emulatorCpuMsPerAction());
      List<Map<String, Object>> ss = new ArrayList<>();
      for (Sample s : r.samples()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("round", s.round());
        x.put("seconds", s.seconds());
        x.put("cpuSeconds", s.cpuSeconds());
        x.put("peakRssBytes", s.peakRssBytes());
        x.put("phaseSeconds", s.phases());
        x.put("meanInFlight", s.meanInFlight());
        x.put("emulatorCpuSeconds", s.emulatorCpuSeconds());
        ss.add(x);
      }
      c.put("samples", ss);
      cases.add(c);
    }
    m.put("cases", cases);
    List<Map<String, Object>> regs = new ArrayList<>();
    Map<String, List<Double>> cpu = registrationsByPeer(E2eRounds.Registration::cpuSeconds);
    registrationsByPeer(E2eRounds.Registration::seconds)
        .forEach(
            (peer, l) -> {
              Stats s = Stats.of(l);
              Map<String, Object> x = new LinkedHashMap<>();
              x.put("peer", peer);
              x.put("seconds", l);
              x.put("cpuSeconds", cpu.get(peer));
              x.put("minSeconds", s.worst());
              x.put("medianSeconds", s.median());
              x.put("maxSeconds", s.best());
              regs.add(x);
            });
    m.put("registration", regs);
    return m;
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    header.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    List<String> peers =
        new ArrayList<>(new LinkedHashSet<>(samples.stream().map(Sample::peer).toList()));
    b.append("\nRequest → flag (cp: cp + sync), seconds; rate at the median; speed ratio =")
        .append(" peer's median time / jhsmtool's (> 1: jhsmtool faster).\n\n");
    b.append("| case | peer | min s | median s | max s | rate | ");
    peers.stream()
        .filter(p -> !p.equals(Peer.JHSMTOOL))
        .forEach(p -> b.append("jhsmtool vs ").append(p).append(" | "));
    b.append("peak RSS MiB | CPU ms/action |\n|---|---|---:|---:|---:|---:|");
    peers.stream().filter(p -> !p.equals(Peer.JHSMTOOL)).forEach(p -> b.append("---:|"));
    b.append("---:|---:|\n");
    List<Row> rows = rows();
    for (Row r : rows) {
      b.append("| ")
          .append(r.caseName())
          .append(" | ")
          .append(r.peer())
          .append(" | ")
          .append(f3(r.seconds().worst()))
          .append(" | ")
          .append(f3(r.seconds().median()))
          .append(" | ")
          .append(f3(r.seconds().best()))
          .append(" | ")
          .append(f1(r.rate()))
          .append(' ')
          .append(r.rateUnit())
          .append(" | ");
      peers.stream()
          .filter(p -> !p.equals(Peer.JHSMTOOL))
          .forEach(
              p ->
                  b.append(
                          Optional.ofNullable(r.versus().get(p))
                              .map(v -> "**" + f2(v) + "**")
                              .orElse(""))
                      .append(" | "));
      b.append(r.peakRssBytes() == null ? "" : f1(r.peakRssBytes() / (double) Units.MIB))
          .append(" | ")
          .append(r.cpuMsPerAction() == null ? "" : f2(r.cpuMsPerAction()))
          .append(" |\n");
    }
    b.append("\nWhere the time goes (medians, seconds): submit = the request call; queue = to")
        .append(" the first action seen dispatched in hsm/agents; run = to all seen done there;")
        .append(" flag = to the last flag seen.\n\n")
        .append("| case | peer | submit | queue | run | flag | mean in flight |")
        .append(" emulator CPU ms/action |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.phases().isEmpty()) {
        continue;
      }
      b.append("| ").append(r.caseName()).append(" | ").append(r.peer()).append(" | ");
      for (String ph : TimedRequest.PHASES) {
        b.append(f3(r.phases().getOrDefault(ph, 0.0))).append(" | ");
      }
      b.append(r.meanInFlight() == null ? "" : f1(r.meanInFlight())).append(" | ");
      b.append(r.emulatorCpuMsPerAction() == null ? "" : f2(r.emulatorCpuMsPerAction()))
          .append(" |\n");
    }
    b.append("\nStart → registered (listed in hsm/agents), ms; CPU = the process's by then:\n\n")
        .append("| copytool | starts | min | median | max | median CPU ms |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    Map<String, List<Double>> cpu = registrationsByPeer(E2eRounds.Registration::cpuSeconds);
    registrationsByPeer(E2eRounds.Registration::seconds)
        .forEach(
            (peer, l) -> {
              Stats s = Stats.of(l);
              b.append("| ").append(peer).append(" | ").append(l.size()).append(" | ");
              b.append(Math.round(s.worst() * 1000)).append(" | ");
              b.append(Math.round(s.median() * 1000)).append(" | ");
              b.append(Math.round(s.best() * 1000)).append(" | ");
              b.append(Math.round(Stats.of(cpu.get(peer)).median() * 1000)).append(" |\n");
            });
    return b.toString();
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
