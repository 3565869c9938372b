package org.lhsm.bench.throughput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
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
import org.lhsm.bench.report.Rounds;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Stats;
import org.lhsm.bench.report.Units;
import org.lhsm.copytool.engine.EngineConfig;
import org.lhsm.copytool.posix.ChecksumAlgorithm;
import org.lhsm.copytool.posix.ChecksumRecord;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lhsm-bench throughput}: see the package comment and bench/README.md. */
@Command(
    name = "throughput",
    mixinStandardHelpOptions = true,
    description = {
      "Copies an incompressible file with cp and with jhsmtool's archive data path"
          + " (PosixArchiveBackend) on the same disk, in alternating rounds, and back (restore)."
          + " Reports best and median MB/s (10^6 B/s) per variant and jhsmtool/cp."
    })
public final class ThroughputCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ThroughputCommand.class);
  private static final long SEED = 0x6c68736d62656e63L;

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1G",
      converter = Units.SizeConverter.class,
      description = "Size of the source file (default: ${DEFAULT-VALUE}; plain number = MiB).")
  long size;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Rounds; each copies once with every tool (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      converter = Units.SizeConverter.class,
      description = "jhsmtool's -c, bytes per read/write (default: ${DEFAULT-VALUE}).")
  long chunkSize = EngineConfig.DEFAULT_CHUNK_SIZE;

  @Option(
      names = "--checksum",
      paramLabel = "ALG",
      split = ",",
      defaultValue = "crc32c,none",
      description =
          "jhsmtool checksum algorithms to measure: crc32c, sha256, none"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> checksums;

  @Option(
      names = "--cp-arg",
      paramLabel = "ARG",
      description =
          "Extra argument for cp, before SRC DST (repeatable), e.g. --cp-arg=--reflink=never"
              + " on a file system where cp would clone instead of copy.")
  List<String> cpArgs = new ArrayList<>();

  @Option(
      names = "--no-copytool",
      description =
          "Measure the archive backend alone (backend-*), not jhsmtool through the emulator"
              + " (jhsmtool-*); no emulator needed.")
  boolean noCopytool;

  @Option(
      names = "--no-prefault",
      description =
          "Do not write and delete a scratch file of --size bytes before each timed copy (see"
              + " bench/README.md: on a VM that hands freed memory back to its host, whichever"
              + " copy allocates that memory again is slowed down).")
  boolean noPrefault;

  @Mixin EmulatorOptions emulator;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--rounds must be at least 1");
    }
    if (chunkSize > Integer.MAX_VALUE - 8) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--chunk-size too large");
    }
    List<ChecksumAlgorithm> algs = new ArrayList<>();
    for (String c : checksums) {
      try {
        ChecksumAlgorithm a = ChecksumAlgorithm.parse(c);
        if (!algs.contains(a)) {
          algs.add(a);
        }
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    Path work = report.createWorkDir("throughput-");
    Map<String, Object> json;
    String text;
    try {
      ThroughputReport r;
      if (noCopytool) {
        r = measure(work, algs, work.resolve("source.bin"), null);
      } else {
        try (EmulatorProcess emu = emulator.launcher(work).keep(report.keep()).start()) {
          // the bindings in this JVM must load the emulation library, whatever the environment says
          System.setProperty("lhsm.liblustreapi", emu.library().toString());
          // the file lives in the emulated file system; the copytool serves the second mount
          Path src = Files.createDirectories(emu.mount(1).resolve("bench")).resolve("source.bin");
          r = measure(work, algs, src, emu);
        }
      }
      json = r.json();
      text = r.text();
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    report.emit(out, text, json);
    return 0;
  }

  /** One timed copy. */
  record Sample(int round, long bytes, long nanos) {
    double mbPerSec() {
      return Units.mbPerSec(bytes, nanos);
    }
  }

  /** All samples of one (operation, tool) pair. */
  record Variant(String op, CopyTool tool, List<Sample> samples) {
    String name() {
      return op + "/" + tool.name();
    }

    Stats stats() {
      return Stats.of(samples.stream().map(Sample::mbPerSec).toList());
    }
  }

  /**
   * Writes the source at {@code src}, then runs the rounds; with an emulator, the jhsmtool variants
   * run through an {@link EngineSession} on its second mount.
   */
  private ThroughputReport measure(
      Path work, List<ChecksumAlgorithm> algs, Path src, EmulatorProcess emu) throws Exception {
    FileStore store = Files.getFileStore(work);
    long need = 3 * size + 64 * Units.MIB;
    if (store.getUsableSpace() < need) {
      throw new IOException(
          "not enough space in "
              + work
              + ": "
              + Units.binary(store.getUsableSpace())
              + " free, "
              + Units.binary(need)
              + " needed (source, archive copy and restored copy)");
    }
    Optional<Long> mem = MemInfo.available();
    if (mem.isPresent() && mem.get() < 3 * size) {
      LOG.warn(
          "only {} of memory available for {} of files: reads may come from the disk, not the page"
              + " cache, and the comparison with cp gets noisy",
          Units.binary(mem.get()),
          Units.binary(3 * size));
    }
    Commands commands = new Commands(work.resolve("commands.log"), Duration.ofHours(1));
    CpTool cp = new CpTool(cpArgs, commands);
    List<CopyTool> tools = new ArrayList<>();
    tools.add(cp);
    Duration interval = EngineConfig.defaults().updateInterval();
    for (ChecksumAlgorithm a : algs) {
      tools.add(new BackendTool(a, (int) chunkSize, interval));
    }

    LOG.info("writing {} of random data to {}", Units.binary(size), src);
    long t0 = System.nanoTime();
    SourceFile.create(src, size, SEED);
    long t1 = System.nanoTime();
    long crc = SourceFile.crc32c(src);
    long t2 = System.nanoTime();
    settle(commands, work);
    LOG.info(
        "source written at {} MB/s (with fsync), read back (page cache) at {} MB/s",
        fmt(Units.mbPerSec(size, t1 - t0)),
        fmt(Units.mbPerSec(size, t2 - t1)));
    EngineSession session = null;
    if (emu != null) {
      session = EngineSession.start(emu.mount(2), src, (int) chunkSize, size);
      for (ChecksumAlgorithm a : algs) {
        tools.add(new CopytoolTool(session, a));
      }
    }
    Map<String, Variant> variants = new LinkedHashMap<>();
    for (String op : List.of("archive", "restore")) {
      for (CopyTool t : tools) {
        variants.put(op + "/" + t.name(), new Variant(op, t, new ArrayList<>()));
      }
    }
    try {
      rounds(work, tools, commands, src, crc, variants);
    } finally {
      if (session != null) {
        session.close();
      }
    }
    return new ThroughputReport(
        new ThroughputReport.Settings(size, rounds, chunkSize, noPrefault, report.keep()),
        work,
        store,
        cp,
        src,
        crc,
        emu,
        List.copyOf(variants.values()));
  }

  /** Every tool archives and restores once per round, the order rotating by one each round. */
  private void rounds(
      Path work,
      List<CopyTool> tools,
      Commands commands,
      Path src,
      long crc,
      Map<String, Variant> variants)
      throws Exception {
    for (int r = 0; r < rounds; r++) {
      for (CopyTool tool : Rounds.rotated(tools, r)) {
        Path dir = Files.createDirectory(work.resolve("round" + (r + 1) + "-" + tool.name()));
        prepare(commands, work);
        CopyTool.Timed a = tool.archive(src, dir);
        verify(tool, "archive", a, crc);
        if (tool instanceof ArchivingTool j) {
          verifyChecksumFile(j, dir, crc);
        }
        variants
            .get("archive/" + tool.name())
            .samples()
            .add(new Sample(r + 1, a.bytes(), a.nanos()));
        prepare(commands, work);
        CopyTool.Timed b = tool.restore(dir);
        verify(tool, "restore", b, crc);
        variants
            .get("restore/" + tool.name())
            .samples()
            .add(new Sample(r + 1, b.bytes(), b.nanos()));
        LOG.info(
            "round {}/{} {}: archive {} MB/s, restore {} MB/s",
            r + 1,
            rounds,
            tool.name(),
            fmt(Units.mbPerSec(a.bytes(), a.nanos())),
            fmt(Units.mbPerSec(b.bytes(), b.nanos())));
        FileTrees.delete(dir);
        settle(commands, work);
      }
    }
  }

  /** Untimed, right before each timed copy: the prefault (unless disabled), then a settle. */
  private void prepare(Commands commands, Path work) throws IOException, InterruptedException {
    if (!noPrefault) {
      long t0 = System.nanoTime();
      SourceFile.scratch(work.resolve("scratch"), size);
      LOG.debug("prefault took {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
    settle(commands, work);
  }

  /**
   * Untimed, before the next timed copy: {@code sync -f} commits the file system's journal, so the
   * deletion of the previous outputs (and, on a file system mounted with {@code discard}, the
   * discards it issues at commit) is not charged to whoever copies next.
   */
  private static void settle(Commands commands, Path work)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    commands.run(List.of("sync", "-f", work.toString()));
    LOG.debug("file system settled in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  private void verify(CopyTool tool, String op, CopyTool.Timed t, long crc) throws IOException {
    long onDisk = Files.size(t.output());
    if (t.bytes() != size || onDisk != size) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s %s: %d bytes counted, %d on disk, %d expected",
              op,
              tool.name(),
              t.bytes(),
              onDisk,
              size));
    }
    long got = SourceFile.crc32c(t.output());
    if (got != crc) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s %s: %s has CRC32C %08x, the source %08x",
              op,
              tool.name(),
              t.output(),
              got,
              crc));
    }
  }

  private void verifyChecksumFile(ArchivingTool j, Path dir, long crc) throws IOException {
    Path data = j.dataFile(dir);
    Optional<ChecksumRecord> rec = ChecksumRecord.read(data);
    if (j.algorithm() == ChecksumAlgorithm.NONE) {
      if (rec.isPresent()) {
        throw new IOException("checksum none wrote a checksum record on " + data);
      }
      return;
    }
    if (rec.isEmpty() || rec.get().size() != size) {
      throw new IOException("missing or wrong checksum record on " + data + ": " + rec);
    }
    if (j.algorithm() == ChecksumAlgorithm.CRC32C
        && !rec.get().hex().equals(String.format(Locale.ROOT, "%08x", crc))) {
      throw new IOException("checksum file " + rec.get() + " does not match the source");
    }
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
