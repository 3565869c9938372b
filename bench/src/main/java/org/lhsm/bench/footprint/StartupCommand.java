package org.lhsm.bench.footprint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lhsm.bench.emulator.EmulatorOptions;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.Stats;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lhsm-bench startup}: time from starting a copytool to the emulator listing it as an agent,
 * in interleaved rounds (the tool order rotates by one each round), after warm-up starts that let
 * the launcher build its class-data-sharing archive. See bench/README.md.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description = {
      "Starts each copytool --runs times against one emulator, in interleaved rounds, and reports"
          + " the time from process start to registered (hsm.agents lists it) and the CPU time"
          + " the process used until then. Default tools: jhsmtool (launcher defaults, with its"
          + " class-data-sharing archive) and jhsmtool-nocds (JHSMTOOL_CDS=off)."
    })
public final class StartupCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StartupCommand.class);

  /** The launcher with {@code JHSMTOOL_CDS=off}: the base of the ratios. */
  static final String NO_CDS = "jhsmtool-nocds";

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Mixin EmulatorOptions emulator;

  @Mixin ToolOptions toolOptions;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Measured starts per tool (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Unmeasured starts per tool first; the launcher builds its archive then (default:"
              + " ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--no-cds-variant",
      description = "Do not add jhsmtool-nocds (JHSMTOOL_CDS=off) to the default tools.")
  boolean noCdsVariant;

  private final Map<String, String> archives = new LinkedHashMap<>();

  /** One start. */
  record Start(double seconds, double cpuSeconds) {}

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || warmup < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--runs must be at least 1, --warmup not negative");
    }
    Path work = report.createWorkDir("st-");
    String loadBefore = ProcStatus.loadAverage();
    Map<String, List<Start>> results = new LinkedHashMap<>();
    archives.clear();
    List<Tool> tools;
    try {
      Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
      defaults.put("jhsmtool", Map.of());
      if (!noCdsVariant) {
        defaults.put(NO_CDS, Map.of("JHSMTOOL_CDS", "off"));
      }
      tools = toolOptions.tools(defaults, work, spec.commandLine());
      try (EmulatorProcess emu = emulator.launcher(work).keep(report.keep()).start()) {
        Path arc = Files.createDirectories(work.resolve("arc"));
        for (Tool t : tools) {
          results.put(t.name(), new ArrayList<>());
          for (int i = 0; i < warmup; i++) {
            once(t, emu, arc, work, "warmup" + i);
          }
        }
        for (Tool t : tools) {
          LauncherCache.awaitTraining(t);
          boolean cds = !t.stock() && !"off".equals(t.env().get("JHSMTOOL_CDS"));
          Optional<Path> jsa = cds ? LauncherCache.archive(t) : Optional.empty();
          if (cds && jsa.isEmpty()) {
            LOG.warn("{}: its launcher built no class-data-sharing archive", t.name());
          }
          archives.put(t.name(), jsa.map(Path::toString).orElse(null));
        }
        for (int r = 0; r < runs; r++) {
          for (int k = 0; k < tools.size(); k++) {
            Tool t = tools.get((k + r) % tools.size());
            results.get(t.name()).add(once(t, emu, arc, work, "run" + r));
          }
        }
      }
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
    String loadAfter = ProcStatus.loadAverage();
    report.emit(
        spec.commandLine().getOut(),
        text(results, loadBefore, loadAfter),
        json(work, tools, results, loadBefore, loadAfter));
    PrintWriter out = spec.commandLine().getOut();
    out.flush();
    return 0;
  }

  private Start once(Tool t, EmulatorProcess emu, Path arc, Path work, String label)
      throws IOException, InterruptedException {
    Path log = work.resolve("logs").resolve(t.name() + "-" + label + ".log");
    try (CopytoolChild ct = CopytoolChild.start(t, emu, arc, emu.mount(2), log)) {
      long nanos = ct.awaitRegistered(Duration.ofMinutes(3));
      double cpu = ProcStatus.cpuSeconds(ct.pid());
      ct.stop();
      ct.awaitUnregistered(Duration.ofMinutes(1));
      LOG.info("{} {}: registered after {} ms", t.name(), label, nanos / 1_000_000);
      return new Start(nanos / 1e9, cpu);
    }
  }

  /**
   * The tool's median start time over jhsmtool-nocds's, both from this run; empty without that
   * tool.
   */
  private static Optional<Double> ratio(Map<String, List<Start>> results, String tool) {
    List<Start> base = results.get(NO_CDS);
    if (base == null || base.isEmpty() || results.get(tool).isEmpty()) {
      return Optional.empty();
    }
    double b = Stats.of(base.stream().map(Start::seconds).toList()).median();
    return Optional.of(
        Stats.of(results.get(tool).stream().map(Start::seconds).toList()).median() / b);
  }

  private String text(Map<String, List<Start>> results, String before, String after) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "startup: start -> registered, %d interleaved runs per tool after %d warm-up;"
                + " load average %s before, %s after%n",
            runs,
            warmup,
            before,
            after));
    b.append(
        String.format(
            Locale.ROOT,
            "%-16s %9s %9s %9s %8s %11s  %s%n",
            "tool",
            "median",
            "min",
            "max",
            "vs nocds",
            "median CPU",
            "runs (s)"));
    for (Map.Entry<String, List<Start>> e : results.entrySet()) {
      Stats wall = Stats.of(e.getValue().stream().map(Start::seconds).toList());
      Stats cpu = Stats.of(e.getValue().stream().map(Start::cpuSeconds).toList());
      List<String> each = new ArrayList<>();
      for (Start s : e.getValue()) {
        each.add(String.format(Locale.ROOT, "%.3f", s.seconds()));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "%-16s %8.3fs %8.3fs %8.3fs %8s %10.3fs  %s%n",
              e.getKey(),
              wall.median(),
              wall.worst(),
              wall.best(),
              ratio(results, e.getKey())
                  .map(x -> String.format(Locale.ROOT, "%.3f", x))
                  .orElse("-"),
              cpu.median(),
              String.join(" ", each)));
    }
    return b.toString();
  }

  private Map<String, Object> json(
      Path work, List<Tool> tools, Map<String, List<Start>> results, String before, String after) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", "startup");
    m.put("directory", work.toString());
    m.put("kept", report.keep());
    m.put("machine", Machine.describe());
    m.put("loadAverageBefore", before);
    m.put("loadAverageAfter", after);
    m.put("runs", runs);
    m.put("warmup", warmup);
    List<Map<String, Object>> tj = new ArrayList<>();
    for (Tool t : tools) {
      List<Start> s = results.get(t.name());
      Stats wall = Stats.of(s.stream().map(Start::seconds).toList());
      Stats cpu = Stats.of(s.stream().map(Start::cpuSeconds).toList());
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("tool", t.name());
      o.put("program", t.program().toString());
      o.put("env", new LinkedHashMap<>(t.env()));
      o.put("cdsArchive", archives.get(t.name()));
      o.put("medianSeconds", wall.median());
      o.put("minSeconds", wall.worst());
      o.put("maxSeconds", wall.best());
      o.put("medianCpuSeconds", cpu.median());
      ratio(results, t.name()).ifPresent(x -> o.put("medianRatioToNoCds", x));
      o.put("seconds", s.stream().map(Start::seconds).toList());
      o.put("cpuSeconds", s.stream().map(Start::cpuSeconds).toList());
      tj.add(o);
    }
    m.put("tools", tj);
    return m;
  }
}
