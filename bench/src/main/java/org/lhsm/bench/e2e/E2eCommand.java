package org.lhsm.bench.e2e;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lhsm.bench.BenchMain;
import org.lhsm.bench.emulator.EmulatorOptions;
import org.lhsm.bench.footprint.ToolOptions;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ProcStat;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Units;
import org.lhsm.emulator.testkit.ChildProcess;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lhsm-bench e2e}: see the package comment and bench/README.md. */
@Command(
    name = "e2e",
    mixinStandardHelpOptions = true,
    description = {
      "What a user waits for, request -> HSM flag, on the emulator: a big file archived and"
          + " restored (against cp + sync), many small and medium files archived with each"
          + " hsm.max_requests; jhsmtool and, with --stock, lhsmtool_posix, in interleaved rounds."
    })
public final class E2eCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(E2eCommand.class);
  private static final long SEED = 0x65326562656e6368L;
  private static final int WARMUP_FILE_SIZE = 1 << 20;

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Mixin EmulatorOptions emulator;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1G",
      converter = Units.SizeConverter.class,
      description = "The big file archived and restored (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(
      names = "--small-files",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Small files archived in one request (default: ${DEFAULT-VALUE}; 0: none).")
  int smallFiles;

  @Option(
      names = "--small-size",
      paramLabel = "SIZE",
      defaultValue = "4K",
      converter = Units.SizeConverter.class,
      description = "(default: ${DEFAULT-VALUE}).")
  long smallSize;

  @Option(
      names = "--medium-files",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Medium files archived in one request (default: ${DEFAULT-VALUE}; 0: none).")
  int mediumFiles;

  @Option(
      names = "--medium-size",
      paramLabel = "SIZE",
      defaultValue = "1M",
      converter = Units.SizeConverter.class,
      description = "(default: ${DEFAULT-VALUE}).")
  long mediumSize;

  @Option(
      names = "--max-requests",
      paramLabel = "N",
      split = ",",
      defaultValue = "3,64",
      description = "hsm.max_requests for the many-file cases (default: ${DEFAULT-VALUE}).")
  List<Integer> maxRequests;

  @Option(
      names = "--warmup-files",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Untimed: each copytool archives N files of 1 MiB after it registers, before the timed"
              + " cases, as a service that has run a while would have (default: ${DEFAULT-VALUE}:"
              + " the first timed case meets a fresh process).")
  int warmupFiles;

  @Option(names = "--no-big", description = "Leave out the big-file cases (and cp).")
  boolean noBig;

  @Option(
      names = "--no-prefault",
      description = "No scratch write before a big-file copy (see throughput in the README).")
  boolean noPrefault;

  @Option(
      names = "--jhsmtool",
      paramLabel = "LAUNCHER",
      description =
          "jhsmtool's launcher (default: copytool/src/dist/jhsmtool of this tree, which"
              + " finds copytool/target/lhsm-copytool-*-all.jar).")
  Path jhsmtool;

  @Option(
      names = "--stock",
      paramLabel = "PATH",
      description = "A stock lhsmtool_posix to compare with (run against the emulation library).")
  Path stock;

  @Option(
      names = "--stock-lib-path",
      paramLabel = "DIRS",
      description =
          "Added to the stock tool's LD_LIBRARY_PATH after the emulation library's"
              + " directory, for its other libraries (liblnetconfig).")
  String stockLibPath;

  @Override
  public Integer call() throws Exception {
    validate();
    Path work = report.createWorkDir("e2e-");
    String loadBefore = ProcStat.loadAverage().toString();
    E2eReport r;
    EmulatorLauncher launcher = emulator.launcher(work).keep(report.keep());
    try {
      List<Peer> peers = peers(launcher.library());
      r = measure(launcher, work, peers, loadBefore);
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
    report.emit(spec.commandLine().getOut(), r.markdown(), r.json());
    return 0;
  }

  private E2eReport measure(
      EmulatorLauncher launcher, Path work, List<Peer> peers, String loadBefore) throws Exception {
    try (EmulatorProcess emu = launcher.start()) {
      // the bindings in this JVM must load the emulation library, whatever the environment says
      System.setProperty("lhsm.liblustreapi", emu.library().toString());
      E2eRounds.Plan plan = plan(Files.createDirectories(emu.mount(1).resolve("e2e")));
      E2eRounds run = new E2eRounds(emu, work, plan);
      run.run(noBig ? peers.subList(1, peers.size()) : peers);
      Map<String, Object> header = header(work, emu, peers, loadBefore);
      return new E2eReport(header, run.samples(), run.registrations());
    }
  }

  private void validate() {
    if (rounds < 1
        || smallFiles < 0
        || mediumFiles < 0
        || warmupFiles < 0
        || maxRequests.stream().anyMatch(m -> m < 1)) {
      throw new ParameterException(
          spec.commandLine(),
          "--rounds and --max-requests must be at least 1, file counts at least 0");
    }
    if (smallSize > Integer.MAX_VALUE || mediumSize > Integer.MAX_VALUE) {
      throw new ParameterException(spec.commandLine(), "small and medium files must be < 2 GiB");
    }
    if (noBig && smallFiles == 0 && mediumFiles == 0) {
      throw new ParameterException(spec.commandLine(), "nothing to measure");
    }
  }

  /** cp, jhsmtool, then the stock tool when given. */
  private List<Peer> peers(Path emulationLibrary) throws IOException {
    List<Peer> peers = new ArrayList<>();
    peers.add(
        new Peer(Peer.CP, List.of(), Map.of(), "cp SRC DST; sync DST DIR / cp ARC OUT; sync OUT"));
    Path launcher = jhsmtool != null ? jhsmtool : fromTree("copytool/src/dist/jhsmtool");
    if (!Files.isExecutable(launcher)) {
      throw new IOException("jhsmtool launcher not found or not executable: " + launcher);
    }
    String opts = System.getenv().getOrDefault(ToolOptions.JAVA_OPTS, "");
    peers.add(
        new Peer(
            Peer.JHSMTOOL,
            List.of(launcher.toString()),
            Map.of("JAVA", ChildProcess.java()),
            launcher + " (the launcher's defaults, JHSMTOOL_JAVA_OPTS='" + opts + "')"));
    if (stock != null) {
      if (!Files.isExecutable(stock)) {
        throw new IOException("--stock " + stock + " is not an executable");
      }
      // the emulation library first, then what else the stock tool links (liblnetconfig)
      String dirs = emulationLibrary.getParent().toString();
      if (stockLibPath != null && !stockLibPath.isBlank()) {
        dirs += ":" + stockLibPath;
      }
      peers.add(
          new Peer(
              Peer.POSIX,
              List.of(stock.toString()),
              Map.of("LD_LIBRARY_PATH", dirs),
              stock + " (its defaults; LD_LIBRARY_PATH=" + dirs + ")"));
    }
    return peers;
  }

  private E2eRounds.Plan plan(Path dir) throws IOException {
    FileSet big = null;
    long crc = 0;
    if (!noBig) {
      Path f = dir.resolve("big.bin");
      LOG.info("writing the big file, {}", Units.binary(size));
      crc = SourceFile.create(f, size, SEED);
      big = FileSet.single(Units.binary(size), f, size);
    }
    List<FileSet> batches = new ArrayList<>();
    if (smallFiles > 0) {
      LOG.info("writing {} x {}", smallFiles, Units.binary(smallSize));
      batches.add(
          FileSet.create(
              smallFiles + " x " + Units.binary(smallSize),
              dir.resolve("small"),
              smallFiles,
              smallSize,
              SEED + 1));
    }
    if (mediumFiles > 0) {
      LOG.info("writing {} x {}", mediumFiles, Units.binary(mediumSize));
      batches.add(
          FileSet.create(
              mediumFiles + " x " + Units.binary(mediumSize),
              dir.resolve("medium"),
              mediumFiles,
              mediumSize,
              SEED + 2));
    }
    FileSet warmup = null;
    if (warmupFiles > 0) {
      String label = warmupFiles + " x " + Units.binary(WARMUP_FILE_SIZE);
      LOG.info("writing {} for the warm-up", label);
      warmup =
          FileSet.create(label, dir.resolve("warmup"), warmupFiles, WARMUP_FILE_SIZE, SEED + 3);
    }
    return new E2eRounds.Plan(
        rounds, big, crc, batches, List.copyOf(maxRequests), !noPrefault, warmup);
  }

  private Map<String, Object> header(
      Path work, EmulatorProcess emu, List<Peer> peers, String loadBefore) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("benchmark", "e2e");
    m.put("directory", work.toString());
    m.put("kept", report.keep());
    m.put("rounds", rounds);
    m.put("bigFileBytes", noBig ? null : size);
    m.put("smallFiles", smallFiles + " x " + smallSize + " B");
    m.put("mediumFiles", mediumFiles + " x " + mediumSize + " B");
    m.put("maxRequests", maxRequests);
    m.put("warmupFiles", warmupFiles + " x " + WARMUP_FILE_SIZE + " B");
    m.put("emulatorDirectory", emu.dir().toString());
    m.put("emulatorPid", emu.pid());
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("loadAverageBefore", loadBefore);
    m.put("loadAverageAfter", ProcStat.loadAverage().toString());
    m.put("javaVersion", System.getProperty("java.version"));
    Map<String, Object> ps = new LinkedHashMap<>();
    peers.forEach(p -> ps.put(p.name(), p.describe()));
    m.put("peers", ps);
    return m;
  }

  /** {@code relative} in the source tree holding this jar ({@code bench/target/...}), or cwd. */
  private static Path fromTree(String relative) {
    try {
      Path jar =
          Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.toAbsolutePath().getParent().getParent().getParent();
      if (root != null && Files.exists(root.resolve(relative))) {
        return root.resolve(relative);
      }
    } catch (URISyntaxException | RuntimeException e) {
      LOG.debug("no source tree around the jar: {}", e.toString());
    }
    return Path.of(relative).toAbsolutePath();
  }
}
