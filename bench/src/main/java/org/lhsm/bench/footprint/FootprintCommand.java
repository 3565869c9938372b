package org.lhsm.bench.footprint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lhsm.bench.emulator.EmulatorOptions;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Units;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
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
 * {@code lhsm-bench footprint}: each copytool as a child process against a fresh emulator, its
 * {@code VmRSS}/{@code VmHWM} sampled while it archives {@code --files} small files ({@code small})
 * and {@code --large} large files all at once ({@code large}). See bench/README.md.
 */
@Command(
    name = "footprint",
    mixinStandardHelpOptions = true,
    description = {
      "Starts each copytool (jhsmtool through its launcher; lhsmtool_posix with --stock) against"
          + " a fresh emulator, archives many small files, then a few large ones all in flight"
          + " at once, and reports its resident memory (VmRSS sampled, VmHWM the kernel's peak)"
          + " over time."
    })
public final class FootprintCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(FootprintCommand.class);
  private static final int ARCHIVE_ID = 1;
  private static final int FILES_PER_DIR = 1000;
  private static final Duration STALL = Duration.ofMinutes(5);

  /** The two loads. */
  enum Scenario {
    small,
    large
  }

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Mixin EmulatorOptions emulator;

  @Mixin ToolOptions toolOptions;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      split = ",",
      description = "small, large or both (default: ${DEFAULT-VALUE}).",
      defaultValue = "small,large")
  List<Scenario> scenarios;

  @Option(
      names = "--files",
      paramLabel = "N",
      defaultValue = "10000",
      description = "small: files archived (default: ${DEFAULT-VALUE}).")
  int files;

  @Option(
      names = "--file-size",
      paramLabel = "SIZE",
      defaultValue = "4K",
      converter = Units.SizeConverter.class,
      description = "small: bytes per file (default: ${DEFAULT-VALUE}).")
  long fileSize;

  @Option(
      names = "--max-requests",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "small: the coordinator's hsm.max_requests, actions in flight at most (default:"
              + " ${DEFAULT-VALUE}, twice jhsmtool's workers).")
  int maxRequests;

  @Option(
      names = "--large",
      paramLabel = "N",
      defaultValue = "16",
      description = "large: files archived at once, hsm.max_requests (default: ${DEFAULT-VALUE}).")
  int large;

  @Option(
      names = "--large-size",
      paramLabel = "SIZE",
      defaultValue = "100M",
      converter = Units.SizeConverter.class,
      description = "large: bytes per file (default: ${DEFAULT-VALUE}).")
  long largeSize;

  @Option(
      names = "--few",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "small: RSS is also taken when this many actions have ended, to compare with the RSS"
              + " after all --files (default: ${DEFAULT-VALUE}).")
  int few;

  @Option(
      names = "--interval",
      paramLabel = "MS",
      defaultValue = "100",
      description = "Sampling period in milliseconds (default: ${DEFAULT-VALUE}).")
  long intervalMillis;

  @Option(
      names = "--settle",
      paramLabel = "MS",
      defaultValue = "1000",
      description =
          "Wait after registration before requesting, and after the last action before"
              + " stopping (default: ${DEFAULT-VALUE}).")
  long settleMillis;

  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "16",
      description = "Samples shown per time series in the text report (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--no-warmup",
      description =
          "Measure from a cold launcher cache (by default each jhsmtool is started once first, so"
              + " its launcher has built its class-data-sharing archive).")
  boolean noWarmup;

  private int runCount;

  @Override
  public Integer call() throws Exception {
    if (files < 1
        || large < 1
        || maxRequests < 1
        || few < 1
        || intervalMillis < 1
        || settleMillis < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--files, --large, --max-requests, --few and --interval must be positive");
    }
    Path work = report.createWorkDir("fp-");
    List<FootprintRun> runs = new ArrayList<>();
    String loadBefore = ProcStatus.loadAverage();
    try {
      List<Tool> tools =
          toolOptions.tools(
              new LinkedHashMap<>(Map.of("jhsmtool", Map.of())), work, spec.commandLine());
      warmUp(tools, work);
      for (Scenario s : scenarios) {
        for (Tool t : tools) {
          runs.add(measure(t, s, work));
        }
      }
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
    String loadAfter = ProcStatus.loadAverage();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "footprint");
    json.put("directory", work.toString());
    json.put("kept", report.keep());
    json.put("machine", Machine.describe());
    json.put("loadAverageBefore", loadBefore);
    json.put("loadAverageAfter", loadAfter);
    json.put("intervalMillis", intervalMillis);
    List<Map<String, Object>> rj = new ArrayList<>();
    for (FootprintRun r : runs) {
      rj.add(r.json());
    }
    json.put("runs", rj);
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "footprint: sampled every %d ms; load average %s before, %s after%n",
            intervalMillis,
            loadBefore,
            loadAfter));
    FootprintRun.table(text, runs);
    for (FootprintRun r : runs) {
      r.series(text, points);
    }
    PrintWriter out = spec.commandLine().getOut();
    report.emit(out, text.toString(), json);
    return 0;
  }

  /** One start of each jhsmtool first, so the runs find the launcher's archive built. */
  private void warmUp(List<Tool> tools, Path work) throws Exception {
    if (noWarmup) {
      return;
    }
    Path dir = Files.createDirectories(work.resolve("w"));
    try (EmulatorProcess emu = emulator.launcher(dir).start()) {
      Path arc = Files.createDirectories(dir.resolve("arc"));
      for (Tool t : tools) {
        LauncherCache.warmUp(t, emu, arc, dir.resolve(t.name() + "-warmup.log"));
      }
    }
  }

  private FootprintRun measure(Tool tool, Scenario scenario, Path work) throws Exception {
    boolean small = scenario == Scenario.small;
    int count = small ? files : large;
    long size = small ? fileSize : largeSize;
    int inFlight = small ? maxRequests : large;
    // short: the emulator's socket path below it must fit in sun_path
    Path dir = Files.createDirectories(work.resolve("r" + (++runCount)));
    LOG.info(
        "{}: {} x {} with {} in flight at most", tool.name(), count, Units.binary(size), inFlight);
    try (EmulatorProcess emu = emulator.launcher(dir).keep(report.keep()).start()) {
      System.setProperty("lhsm.liblustreapi", emu.library().toString());
      emu.set("hsm/max_requests", Integer.toString(inFlight));
      List<Fid> fids = createFiles(emu.mount(1).resolve("fp"), count, size, small);
      Path arc = Files.createDirectories(dir.resolve("arc"));
      FootprintRun run;
      try (CopytoolChild ct =
              CopytoolChild.start(tool, emu, arc, emu.mount(2), dir.resolve("copytool.log"));
          RssSampler sampler = new RssSampler(ct.pid(), ct.startNanos(), intervalMillis)) {
        sampler.start();
        long registered = ct.awaitRegistered(Duration.ofMinutes(3));
        Thread.sleep(settleMillis);
        RssSampler.Sample idle = sampler.sampleNow().orElseThrow();
        long t0 = System.nanoTime();
        HsmClient.request(
            emu.mount(1),
            new HsmUserRequest(
                UserAction.ARCHIVE,
                ARCHIVE_ID,
                EnumSet.noneOf(RequestFlag.class),
                fids,
                new byte[0]));
        long requestedMillis = (t0 - ct.startNanos()) / 1_000_000;
        List<FootprintRun.Checkpoint> checkpoints = new ArrayList<>();
        Agents done =
            awaitEnded(emu, ct, count, small ? Math.min(few, count) : count, sampler, checkpoints);
        long t1 = System.nanoTime();
        long doneMillis = (t1 - ct.startNanos()) / 1_000_000;
        Thread.sleep(settleMillis);
        double cpu = ProcStatus.cpuSeconds(ct.pid());
        sampler.sampleNow().orElseThrow();
        if (done.errors() > 0) {
          throw new IOException(
              tool.name()
                  + ": "
                  + done.errors()
                  + " of "
                  + count
                  + " archives failed:\n"
                  + ct.logTail());
        }
        run =
            new FootprintRun(
                tool.name(),
                scenario.name(),
                count,
                size,
                inFlight,
                registered / 1e9,
                idle,
                requestedMillis,
                doneMillis,
                (t1 - t0) / 1e9,
                cpu,
                checkpoints,
                sampler.samples());
        ct.stop();
      }
      verify(arc, fids, size, tool);
      return run;
    }
  }

  /**
   * Polls {@code hsm.agents} every 50 ms until {@code count} actions ended; takes an RSS sample (a
   * checkpoint) the first time {@code few} or more have ended, and when all have.
   */
  private static Agents awaitEnded(
      EmulatorProcess emu,
      CopytoolChild ct,
      int count,
      int few,
      RssSampler sampler,
      List<FootprintRun.Checkpoint> checkpoints)
      throws IOException, InterruptedException {
    // no deadline for the whole drain (a busy machine or a slow coordinator only makes it
    // longer): the run fails when no action has ended for STALL
    long lastEnded = -1;
    long lastProgress = System.nanoTime();
    while (true) {
      Agents a = Agents.read(emu);
      if (a.ended() >= few && checkpoints.isEmpty() && few < count) {
        sampler
            .sampleNow()
            .ifPresent(s -> checkpoints.add(new FootprintRun.Checkpoint(a.ended(), s)));
      }
      if (a.ended() >= count) {
        checkpoints.add(new FootprintRun.Checkpoint(a.ended(), sampler.sampleNow().orElseThrow()));
        return a;
      }
      if (a.ended() != lastEnded) {
        lastEnded = a.ended();
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        throw new IOException(
            "only "
                + a.ended()
                + " of "
                + count
                + " archives ended, none in the last "
                + STALL.toSeconds()
                + " s:\n"
                + ct.logTail());
      }
      Thread.sleep(50);
    }
  }

  /** Each file's archive copy exists with the file's size (layout v1, both tools' default). */
  private static void verify(Path arc, List<Fid> fids, long size, Tool tool) throws IOException {
    ArchivePaths paths = new ArchivePaths(arc, ArchiveFormat.V1);
    for (Fid f : fids) {
      Path data = paths.dataPath(f);
      if (!Files.isRegularFile(data) || Files.size(data) != size) {
        throw new IOException(tool.name() + ": archive of " + f + " missing or short: " + data);
      }
    }
  }

  /** Pseudo-random files (no fsync for the small ones), {@value #FILES_PER_DIR} per directory. */
  private static List<Fid> createFiles(Path root, int count, long size, boolean small)
      throws IOException {
    List<Fid> fids = new ArrayList<>(count);
    SplittableRandom random = new SplittableRandom(42);
    byte[] buf = small ? new byte[(int) size] : null;
    for (int i = 0; i < count; i++) {
      Path d =
          Files.createDirectories(
              root.resolve(String.format(Locale.ROOT, "d%03d", i / FILES_PER_DIR)));
      Path f = d.resolve(String.format(Locale.ROOT, "f%05d", i));
      if (small) {
        random.nextBytes(buf);
        Files.write(f, buf);
      } else {
        SourceFile.create(f, size, 42 + i);
      }
      fids.add(HsmClient.path2fid(f));
    }
    return fids;
  }
}
