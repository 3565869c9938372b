package org.lhsm.bench.bandwidth;

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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lhsm.bench.BenchMain;
import org.lhsm.bench.emulator.EmulatorOptions;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Units;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.engine.Engine;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.engine.EngineListener;
import org.lhsm.copytool.lustre.BindingsLustreAccess;
import org.lhsm.copytool.posix.ArchiveFormat;
import org.lhsm.copytool.posix.ArchivePaths;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.ChecksumRecord;
import org.lhsm.copytool.posix.PosixArchiveBackend;
import org.lhsm.copytool.posix.PosixOptions;
import org.lhsm.emulator.testkit.Await;
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
 * {@code lhsm-bench bandwidth}: see the package comment and bench/README.md.
 *
 * <p>The copytool runs in this JVM rather than as a {@code jhsmtool} child process: only in-process
 * can every chunk be time-stamped as the data mover reports it (the child's observable counters,
 * progress reports and the metrics endpoint, advance per action or per update interval, far too
 * coarse for 1-second windows). What is left out is the command line's translation of {@code -b}
 * into {@link EngineConfig#bandwidth()}, which the copytool's option tests cover.
 */
@Command(
    name = "bandwidth",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the emulator, runs the copytool engine with --bandwidth RATE and several workers"
          + " against it, archives enough data to keep every worker busy for --seconds, and"
          + " reports the rate achieved over the whole window and over 1-second windows.",
      "Exit status 3 with --enforce when the whole-window rate is outside ±tolerance."
    })
public final class BandwidthCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BandwidthCommand.class);
  private static final int ARCHIVE_ID = 1;
  private static final Duration STEP = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Mixin EmulatorOptions emulator;

  @Option(
      names = {"-b", "--bandwidth"},
      paramLabel = "RATE",
      defaultValue = "8M",
      converter = Units.SizeConverter.class,
      description = "Limit for all copies together, per second (default: ${DEFAULT-VALUE}/s).")
  long rate;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "4",
      description = "Concurrent copies, jhsmtool's --max-jobs (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "Length of the measured window (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--files",
      paramLabel = "N",
      description = "Files to archive (default: twice the workers).")
  Integer files;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      converter = Units.SizeConverter.class,
      description = "jhsmtool's -c, bytes per read/write (default: ${DEFAULT-VALUE}).")
  long chunkSize = EngineConfig.DEFAULT_CHUNK_SIZE;

  @Option(
      names = "--tolerance",
      paramLabel = "PERCENT",
      defaultValue = "10",
      description = "Allowed deviation of the whole-window rate (default: ±${DEFAULT-VALUE} %%).")
  double tolerance;

  @Option(
      names = "--enforce",
      description = "Exit with status 3 if the whole-window rate is outside the tolerance.")
  boolean enforce;

  /** How one file's archive ended. */
  record Ended(int errno, long bytes) {}

  /** One archived file. */
  record BenchFile(Path path, Fid fid, long size, long crc) {}

  @Override
  public Integer call() throws Exception {
    if (workers < 1 || seconds < 1 || (files != null && files < 1) || !(tolerance >= 0)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--workers, --seconds and --files must be at least 1, --tolerance not negative");
    }
    if (chunkSize > Integer.MAX_VALUE - 8) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--chunk-size too large");
    }
    Path work = report.createWorkDir("bandwidth-");
    Map<String, Object> json;
    String text;
    boolean within;
    try {
      Measurement m;
      try (EmulatorProcess emu = emulator.launcher(work).keep(report.keep()).start()) {
        m = measure(emu, work);
      }
      within = m.within();
      json = m.json();
      text = m.text();
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    report.emit(out, text, json);
    return enforce && !within ? BenchMain.EXIT_OUT_OF_TOLERANCE : 0;
  }

  private Measurement measure(EmulatorProcess emu, Path work) throws Exception {
    // the bindings in this JVM must load the emulation library, whatever the environment says
    System.setProperty("lhsm.liblustreapi", emu.library().toString());
    Path mnt = emu.mount(1);
    Path agentMnt = emu.mount(2);
    int count = files == null ? 2 * workers : files;
    // dispatch must not limit the copies (default 3)
    emu.set("hsm/max_requests", Integer.toString(Math.max(count, workers)));

    // enough data for the window plus a second: every worker is still copying when it closes
    long total = rate * (seconds + 1L);
    long perFile = Math.max(1, (total + count - 1) / count);
    List<BenchFile> benchFiles =
        createFiles(Files.createDirectories(mnt.resolve("bench")), count, perFile);

    Path arc = Files.createDirectories(work.resolve("arc"));
    ArchivePaths paths = new ArchivePaths(arc, ArchiveFormat.V1);
    PosixArchiveBackend backend =
        new PosixArchiveBackend(
            new PosixOptions(paths, false, false, false, ChecksumAlgorithm.CRC32C));
    ByteTimeline timeline = new ByteTimeline();
    BindingsLustreAccess access = new BindingsLustreAccess();
    String fsname = access.fsname(agentMnt);
    EngineConfig config =
        EngineConfig.defaults()
            .withMaxJobs(workers)
            .withChunkSize((int) chunkSize)
            .withBandwidth(rate)
            .withExpectedFsname(fsname);
    Map<Fid, Ended> ended = new ConcurrentHashMap<>();
    CountDownLatch allEnded = new CountDownLatch(count);
    ActionSource source = access.register(agentMnt, List.of(ARCHIVE_ID));
    Engine engine = new Engine(source, new CountingBackend(backend, timeline), config);
    engine.setListener(
        new EngineListener() {
          @Override
          public void actionEnded(HsmActionItem item, int errno, long bytesCopied) {
            ended.put(item.fid(), new Ended(errno, bytesCopied));
            allEnded.countDown();
          }
        });
    FutureTask<Engine.Result> run = new FutureTask<>(engine::run);
    Thread receive = new Thread(run, "engine-receive");
    receive.setDaemon(true);
    receive.start();
    long requested;
    try {
      HsmClient.request(
          mnt,
          new HsmUserRequest(
              UserAction.ARCHIVE,
              ARCHIVE_ID,
              EnumSet.noneOf(RequestFlag.class),
              benchFiles.stream().map(BenchFile::fid).toList(),
              new byte[0]));
      requested = System.nanoTime();
      LOG.info(
          "archive of {} files x {} requested at {}/s with {} workers",
          count,
          Units.binary(perFile),
          Units.binary(rate),
          workers);
      Duration limit = Duration.ofSeconds(3 * (total / rate) + STEP.toSeconds());
      if (!allEnded.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(
            "only "
                + ended.size()
                + " of "
                + count
                + " archives ended within "
                + limit.toSeconds()
                + " s");
      }
      for (BenchFile f : benchFiles) {
        awaitArchived(f.path());
      }
    } finally {
      engine.shutdown();
      try {
        run.get(STEP.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        LOG.warn("engine did not stop cleanly: {}", e.toString());
      }
    }

    List<Map<String, Object>> fileReport = new ArrayList<>();
    for (BenchFile f : benchFiles) {
      Ended e = Objects.requireNonNull(ended.get(f.fid()), "no end for " + f.fid());
      Path data = paths.dataPath(f.fid());
      long onDisk = Files.size(data);
      Optional<ChecksumRecord> sum = ChecksumRecord.read(data);
      String crc = String.format(Locale.ROOT, "%08x", f.crc());
      boolean ok =
          e.errno() == 0
              && e.bytes() == f.size()
              && onDisk == f.size()
              && sum.isPresent()
              && sum.get().hex().equals(crc);
      if (!ok) {
        throw new IOException(
            "archive of "
                + f.path()
                + " ("
                + f.fid()
                + ") did not verify: "
                + e
                + ", "
                + onDisk
                + " bytes in "
                + data
                + ", checksum "
                + sum
                + ", expected "
                + crc);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.path().getFileName().toString());
      m.put("fid", f.fid().toString());
      m.put("size", f.size());
      m.put("bytesCopied", e.bytes());
      m.put("errno", e.errno());
      m.put("archived", true);
      m.put("archiveFile", data.toString());
      m.put("crc32c", crc);
      fileReport.add(m);
    }
    long t0 = timeline.firstStart().orElseThrow(() -> new IOException("no copy started"));
    return new Measurement(
        work,
        emu.dir(),
        emu.pid(),
        count,
        perFile,
        (t0 - requested) / 1e9,
        timeline,
        t0,
        fileReport);
  }

  private static void awaitArchived(Path file) {
    Await.until(
        file + " ARCHIVED",
        STEP,
        () -> HsmClient.state(file).states(),
        s -> s.contains(HsmState.ARCHIVED));
  }

  private static List<BenchFile> createFiles(Path dir, int count, long size) throws IOException {
    List<BenchFile> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path f = dir.resolve(String.format(Locale.ROOT, "f%03d", i));
      long crc = SourceFile.create(f, size, 42 + i);
      out.add(new BenchFile(f, HsmClient.path2fid(f), size, crc));
    }
    return out;
  }

  /** The timeline and its rendering. */
  private final class Measurement {
    private final Path work;
    private final Path emulatorDirectory;
    private final long emulatorPid;
    private final int count;
    private final long perFile;
    private final double dispatchSeconds;
    private final ByteTimeline timeline;
    private final long t0;
    private final List<Map<String, Object>> files;
    private final ByteTimeline.Windows moved;
    private final ByteTimeline.Windows released;

    Measurement(
        Path work,
        Path emulatorDirectory,
        long emulatorPid,
        int count,
        long perFile,
        double dispatchSeconds,
        ByteTimeline timeline,
        long t0,
        List<Map<String, Object>> files) {
      this.work = work;
      this.emulatorDirectory = emulatorDirectory;
      this.emulatorPid = emulatorPid;
      this.count = count;
      this.perFile = perFile;
      this.dispatchSeconds = dispatchSeconds;
      this.timeline = timeline;
      this.t0 = t0;
      this.files = files;
      this.moved = timeline.windows(t0, seconds, false);
      this.released = timeline.windows(t0, seconds, true);
    }

    double deviation(double bytesPerSec) {
      return (bytesPerSec - rate) * 100.0 / rate;
    }

    /**
     * The 'moved' whole-window rate within the tolerance, compared in whole bytes (exact in a
     * double at these magnitudes) so that a deviation of exactly the tolerance counts as within.
     */
    boolean within() {
      double expected = (double) rate * seconds;
      return moved.covered() && Math.abs(moved.bytes() - expected) * 100.0 <= tolerance * expected;
    }

    private Map<String, Object> windowJson(ByteTimeline.Windows w) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seconds", w.seconds());
      m.put("bytes", w.bytes());
      m.put("bytesPerSec", w.bytesPerSec());
      m.put("deviationPercent", deviation(w.bytesPerSec()));
      m.put("covered", w.covered());
      List<Long> per = new ArrayList<>();
      for (long b : w.perSecond()) {
        per.add(b);
      }
      m.put("perSecondBytes", per);
      m.put("minPerSecond", w.minPerSecond());
      m.put("maxPerSecond", w.maxPerSecond());
      m.put("minDeviationPercent", deviation(w.minPerSecond()));
      m.put("maxDeviationPercent", deviation(w.maxPerSecond()));
      return m;
    }

    Map<String, Object> json() {
      List<ByteTimeline.Chunk> chunks = timeline.chunks();
      long lastMoved = chunks.isEmpty() ? t0 : chunks.get(chunks.size() - 1).movedNanos();
      long totalBytes = timeline.totalBytes();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", "bandwidth");
      m.put("directory", work.toString());
      m.put("kept", report.keep());
      m.put("limitBytesPerSec", rate);
      m.put("workers", workers);
      m.put("chunkSize", chunkSize);
      m.put("windowSeconds", seconds);
      m.put("tolerancePercent", tolerance);
      m.put("enforced", enforce);
      m.put("withinTolerance", within());
      m.put("emulatorPid", emulatorPid);
      m.put("emulatorDirectory", emulatorDirectory.toString());
      m.put("filesRequested", count);
      m.put("bytesRequested", count * perFile);
      m.put("bytesCopied", totalBytes);
      m.put("chunks", chunks.size());
      m.put("dispatchSeconds", dispatchSeconds);
      m.put(
          "window",
          "[first copy start, + windowSeconds); 'moved' counts a chunk when its write is done,"
              + " 'released' when the limiter lets its copy go on");
      m.put("moved", windowJson(moved));
      m.put("released", windowJson(released));
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("seconds", (lastMoved - t0) / 1e9);
      all.put("bytes", totalBytes);
      all.put("bytesPerSec", lastMoved > t0 ? totalBytes / ((lastMoved - t0) / 1e9) : 0.0);
      m.put("wholeRun", all);
      m.put("files", files);
      return m;
    }

    String text() {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "bandwidth: limit %s/s, %d workers, chunk %s, %d files x %s, window %d s%n",
              Units.binary(rate),
              workers,
              Units.binary(chunkSize),
              count,
              Units.binary(perFile),
              seconds));
      if (report.keep()) {
        b.append("  kept in ").append(work).append(" and ").append(emulatorDirectory).append('\n');
      }
      b.append(
          String.format(
              Locale.ROOT,
              "  engine + PosixArchiveBackend + BindingsLustreAccess in-process, emulator pid %d;"
                  + " first copy %.3f s after the request%n",
              emulatorPid,
              dispatchSeconds));
      line(b, "moved", moved);
      line(b, "released", released);
      b.append(
          String.format(
              Locale.ROOT,
              "  all %d files archived and verified (%s copied)%n",
              count,
              Units.binary(timeline.totalBytes())));
      b.append(
          String.format(
              Locale.ROOT,
              "  whole-window 'moved' rate %s ±%.0f %% of the limit%s%n",
              within() ? "within" : "NOT within",
              tolerance,
              moved.covered() ? "" : " (window not covered: the work ran out)"));
      return b.toString();
    }

    private void line(StringBuilder b, String what, ByteTimeline.Windows w) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-8s whole window %s/s (%+.1f %%); 1-s windows min %s/s (%+.1f %%), max %s/s"
                  + " (%+.1f %%)%n",
              what,
              Units.binary(w.bytesPerSec()),
              deviation(w.bytesPerSec()),
              Units.binary(w.minPerSecond()),
              deviation(w.minPerSecond()),
              Units.binary(w.maxPerSecond()),
              deviation(w.maxPerSecond())));
    }
  }
}
