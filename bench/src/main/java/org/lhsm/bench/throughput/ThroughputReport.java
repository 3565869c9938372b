package org.lhsm.bench.throughput;

import java.nio.file.FileStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lhsm.bench.report.Stats;
import org.lhsm.bench.report.Units;
import org.lhsm.bench.throughput.ThroughputCommand.Sample;
import org.lhsm.bench.throughput.ThroughputCommand.Variant;
import org.lhsm.emulator.testkit.EmulatorProcess;

/** One {@code throughput} measurement and its two renderings, JSON and text. */
final class ThroughputReport {
  /** The settings the report repeats. */
  record Settings(long size, int rounds, long chunkSize, boolean noPrefault, boolean kept) {}

  private final Path work;
  private final FileStore store;
  private final CpTool cp;
  private final Path src;
  private final long crc;
  private final EmulatorProcess emu; // null with --no-copytool
  private final List<Variant> variants;
  private final Settings settings;

  ThroughputReport(
      Settings settings,
      Path work,
      FileStore store,
      CpTool cp,
      Path src,
      long crc,
      EmulatorProcess emu,
      List<Variant> variants) {
    this.work = work;
    this.store = store;
    this.cp = cp;
    this.src = src;
    this.crc = crc;
    this.emu = emu;
    this.variants = variants;
    this.settings = settings;
  }

  private Variant find(String op, String tool) {
    return variants.stream()
        .filter(v -> v.op().equals(op) && v.tool().name().equals(tool))
        .findFirst()
        .orElseThrow();
  }

  /** jhsmtool variants against cp: (op, tool, best ratio, median ratio). */
  private List<Map<String, Object>> ratios() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Variant v : variants) {
      if (v.tool() instanceof CpTool) {
        continue;
      }
      Stats base = find(v.op(), cp.name()).stats();
      Stats s = v.stats();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", v.op());
      m.put("tool", v.tool().name());
      m.put("versus", cp.name());
      m.put("best", s.best() / base.best());
      m.put("median", s.median() / base.median());
      out.add(m);
    }
    return out;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", "throughput");
    m.put("directory", work.toString());
    m.put("kept", settings.kept());
    m.put("filesystem", store.type());
    m.put("device", store.name());
    m.put("sizeBytes", settings.size());
    m.put("rounds", settings.rounds());
    m.put("chunkSize", settings.chunkSize());
    m.put("source", src.toString());
    m.put("emulatorDirectory", emu == null ? null : emu.dir().toString());
    m.put("emulatorPid", emu == null ? null : emu.pid());
    m.put("sourceCrc32c", String.format(Locale.ROOT, "%08x", crc));
    m.put("verified", true);
    m.put("unit", "MB/s = 10^6 bytes per second");
    Map<String, Object> how = new LinkedHashMap<>();
    how.put("cpArchive", cp.describe());
    how.put("cpRestore", "cp ARC OUT; sync OUT");
    how.put(
        "jhsmtool",
        "Engine + PosixArchiveBackend on a copytool registered with the emulator"
            + " (liblustreapi descriptors, the bindings' data channel); timed from begin to the"
            + " return of end");
    how.put(
        "backend",
        "PosixArchiveBackend alone on JDK file channels; archive: _tmp, fsync, .cksum,"
            + " attributes, rename, directory fsync, shadow link; restore: volatile created,"
            + " restore (verified), fsync at end");
    how.put("order", "tools rotate by one position every round");
    how.put("between", "outputs deleted, journal committed with sync -f (untimed)");
    how.put(
        "prefault",
        settings.noPrefault()
            ? "off"
            : "before each timed copy: a scratch file of sizeBytes written and deleted,"
                + " then sync -f (untimed)");
    m.put("method", how);
    m.put("cpVersion", Commands.firstLine(List.of("cp", "--version")));
    m.put("javaVersion", System.getProperty("java.version"));
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("memAvailableBytes", MemInfo.available().orElse(-1L));
    List<Map<String, Object>> vs = new ArrayList<>();
    for (Variant v : variants) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", v.name());
      e.put("op", v.op());
      e.put("tool", v.tool().name());
      e.put("checksum", v.tool().checksum());
      List<Map<String, Object>> samples = new ArrayList<>();
      for (Sample s : v.samples()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("round", s.round());
        x.put("bytes", s.bytes());
        x.put("seconds", s.nanos() / 1e9);
        x.put("mbPerSec", s.mbPerSec());
        samples.add(x);
      }
      e.put("samples", samples);
      Stats st = v.stats();
      e.put("bestMbPerSec", st.best());
      e.put("medianMbPerSec", st.median());
      vs.add(e);
    }
    m.put("variants", vs);
    m.put("ratios", ratios());
    return m;
  }

  String text() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "throughput: %s incompressible file, %d round%s, jhsmtool chunk %s%n",
            Units.binary(settings.size()),
            settings.rounds(),
            settings.rounds() == 1 ? "" : "s",
            Units.binary(settings.chunkSize())));
    b.append(
        String.format(
            Locale.ROOT,
            "  in %s (%s on %s)%s%n",
            work,
            store.type(),
            store.name(),
            settings.kept() ? ", kept" : ", removed"));
    b.append("  cp:       ").append(cp.describe()).append("; back: cp ARC OUT; sync OUT\n");
    b.append("  backend:  PosixArchiveBackend alone on JDK file channels\n");
    if (emu != null) {
      b.append("  jhsmtool: engine + backend through liblustreapi on the emulator (pid ")
          .append(emu.pid())
          .append(", ")
          .append(emu.dir())
          .append(")\n");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%n  %-8s %-16s %10s %12s   %-24s %s%n",
            "op",
            "tool",
            "best MB/s",
            "median MB/s",
            "rounds (MB/s)",
            "vs cp: best / median"));
    List<Map<String, Object>> ratios = ratios();
    for (Variant v : variants) {
      Stats s = v.stats();
      StringBuilder per = new StringBuilder();
      for (Sample x : v.samples()) {
        per.append(per.length() == 0 ? "" : " ").append(ThroughputCommand.fmt(x.mbPerSec()));
      }
      String ratio =
          ratios.stream()
              .filter(r -> r.get("op").equals(v.op()) && r.get("tool").equals(v.tool().name()))
              .findFirst()
              .map(
                  r ->
                      String.format(
                          Locale.ROOT,
                          "%.3f / %.3f",
                          (Double) r.get("best"),
                          (Double) r.get("median")))
              .orElse("");
      b.append(
          String.format(
              Locale.ROOT,
              "  %-8s %-16s %10s %12s   %-24s %s%n",
              v.op(),
              v.tool().name(),
              ThroughputCommand.fmt(s.best()),
              ThroughputCommand.fmt(s.median()),
              per,
              ratio));
    }
    b.append("\n  MB/s = 10^6 bytes/s; every timed copy ends with its output fsync'd.\n");
    return b.toString();
  }
}
