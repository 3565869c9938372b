package org.lhsm.bench.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lhsm.bench.emulator.EmulatorOptions;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ProcStat;
import org.lhsm.bench.report.ReportOptions;
import org.lhsm.bench.report.Units;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lhsm-bench daemon}: see the package comment and bench/README.md. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "The emulator daemon's own ceiling: per round, starts the emulator, queues --requests"
          + " ARCHIVE requests for tiny files through the emulation library, then drains them"
          + " with the fastest agent possible (each action begun and ended at once, no data"
          + " copied), and reports actions/s and the daemon's CPU time per 1000 actions.",
      "The median of the rounds is the daemon's rate; copytools can be compared against it."
    })
public final class DaemonCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);
  private static final int ARCHIVE_ID = 1;
  private static final int FILES_PER_DIRECTORY = 1000;
  private static final long GRACE_DELAY = 86_400;

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Mixin EmulatorOptions emulator;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "10000",
      description = "ARCHIVE requests (files) queued per round (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--agents",
      paramLabel = "N",
      defaultValue = "1",
      description = "Agents draining the queue, one per client mount (default: ${DEFAULT-VALUE}).")
  int agents;

  @Option(
      names = "--max-requests",
      paramLabel = "N",
      defaultValue = "64",
      description = "The coordinator's hsm.max_requests (default: ${DEFAULT-VALUE}).")
  int maxRequests;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Threads per agent beginning and ending actions (default: max-requests / agents).")
  Integer workers;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Rounds, each on a new emulator (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--file-size",
      paramLabel = "SIZE",
      defaultValue = "4K",
      converter = Units.SizeConverter.class,
      description = "Size of each file (default: ${DEFAULT-VALUE}).")
  long fileSize;

  @Option(
      names = "--queue-threads",
      paramLabel = "N",
      defaultValue = "8",
      description = "Threads looking FIDs up and sending requests (default: ${DEFAULT-VALUE}).")
  int queueThreads;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Files per HsmClient.request call (sent as requests below the kernel's size limit,"
              + " about 50 files each; default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Actions queued and drained the same way on each round's daemon before the measured"
              + " ones, untimed: its JIT compiler then has compiled the paths they take, and what"
              + " is measured is the daemon's steady state (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--daemon-jvm-options",
      paramLabel = "OPTIONS",
      description =
          "JVM options of the emulator process, space-separated, instead of the test kit's (C1"
              + " only, serial GC); an empty string runs it with the JVM's defaults.")
  String daemonJvmOptions;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "1800",
      description = "Longest drain of one round before the run fails (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    int perAgent = workers == null ? Math.max(1, maxRequests / Math.max(1, agents)) : workers;
    if (requests < 1
        || agents < 1
        || maxRequests < 1
        || perAgent < 1
        || rounds < 1
        || fileSize < 0
        || queueThreads < 1
        || batch < 1
        || timeoutSeconds < 1
        || warmup < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--requests, --agents, --max-requests, --workers, --rounds, --queue-threads, --batch"
              + " and --timeout must be at least 1, --file-size and --warmup not negative");
    }
    Path work = report.createWorkDir("daemon-");
    List<Double> loadStart = ProcStat.loadAverage();
    List<DaemonRound> done = new ArrayList<>();
    try {
      for (int i = 1; i <= rounds; i++) {
        DaemonRound r = round(i, work.resolve("round-" + i), perAgent);
        LOG.info(
            "round {}: {} actions in {} s = {}/s, daemon {} CPU s per 1000",
            i,
            r.ended() + r.failed(),
            DaemonReport.fmt(r.drainSeconds()),
            DaemonReport.fmt(r.actionsPerSec()),
            DaemonReport.fmt(r.cpuPer1000Actions()));
        done.add(r);
      }
    } finally {
      if (!report.keep()) {
        FileTrees.delete(work);
      }
    }
    List<Double> loadEnd = ProcStat.loadAverage();
    PrintWriter out = spec.commandLine().getOut();
    DaemonReport figures =
        new DaemonReport(
            requests, fileSize, warmup, agents, perAgent, maxRequests, jvmOptions(), done);
    report.emit(
        out,
        figures.text(loadStart, loadEnd),
        figures.json(work, report.keep(), loadStart, loadEnd));
    return 0;
  }

  /** What draining a queue took. */
  private record Drain(double seconds, long ended, long failed, long lists) {}

  private DaemonRound round(int number, Path dir, int perAgent) throws Exception {
    Files.createDirectories(dir);
    List<Double> loadBefore = ProcStat.loadAverage();
    EmulatorLauncher launcher = emulator.launcher(dir).mounts(agents + 1).keep(report.keep());
    launcher.jvmOptions(jvmOptions());
    try (EmulatorProcess emu = launcher.start()) {
      // the bindings in this JVM must load the emulation library, whatever the environment says
      System.setProperty("lhsm.liblustreapi", emu.library().toString());
      long pid = emu.pid();
      Path mnt = emu.mount(1);
      emu.set("hsm/max_requests", Integer.toString(maxRequests));
      // finished records stay listed until they are counted, however long the drain takes
      emu.set("hsm/grace_delay", Long.toString(GRACE_DELAY));
      ExecutorService pool = Executors.newFixedThreadPool(queueThreads);
      try {
        if (warmup > 0) {
          List<Fid> w = lookUp(pool, createFiles(mnt.resolve("warmup"), warmup));
          queue(pool, mnt, w);
          Drain d = drain(emu, w.size(), perAgent);
          LOG.info(
              "round {}: warm-up of {} actions drained in {} s",
              number,
              w.size(),
              DaemonReport.fmt(d.seconds()));
        }
        List<Path> files = createFiles(mnt.resolve("bench"), requests);
        long t0 = System.nanoTime();
        List<Fid> fids = lookUp(pool, files);
        double cpu0 = ProcStat.cpuSeconds(pid);
        long t1 = System.nanoTime();
        queue(pool, mnt, fids);
        long t2 = System.nanoTime();
        double cpu1 = ProcStat.cpuSeconds(pid);
        LOG.info(
            "round {}: {} requests queued in {} s",
            number,
            requests,
            DaemonReport.fmt((t2 - t1) / 1e9));
        double agentCpu0 = ProcStat.cpuSeconds(ProcessHandle.current().pid());
        Drain d = drain(emu, requests, perAgent);
        double cpu2 = ProcStat.cpuSeconds(pid);
        double agentCpu = ProcStat.cpuSeconds(ProcessHandle.current().pid()) - agentCpu0;
        long succeed = awaitSucceedRecords(emu, warmup + d.ended());
        return new DaemonRound(
            number,
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9,
            d.seconds(),
            cpu1 - cpu0,
            cpu2 - cpu1,
            agentCpu,
            d.ended(),
            d.failed(),
            d.lists(),
            succeed - warmup,
            pid,
            loadBefore,
            ProcStat.loadAverage());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Registers the agents and waits until {@code count} actions ended; the time from the first
   * registration to the last end. The agents unregister before this returns.
   */
  private Drain drain(EmulatorProcess emu, int count, int perAgent) throws Exception {
    CountDownLatch remaining = new CountDownLatch(count);
    AtomicLong lastEnd = new AtomicLong();
    List<FastAgent> started = new ArrayList<>();
    long t0 = System.nanoTime();
    long ended = 0;
    long failed = 0;
    long lists = 0;
    try {
      for (int a = 0; a < agents; a++) {
        started.add(FastAgent.start(emu.mount(a + 2), ARCHIVE_ID, perAgent, remaining, lastEnd));
      }
      if (!remaining.await(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IOException(
            (count - remaining.getCount())
                + " of "
                + count
                + " actions ended within "
                + timeoutSeconds
                + " s (--timeout)");
      }
    } finally {
      for (FastAgent a : started) {
        ended += a.ended();
        failed += a.failed();
        lists += a.lists();
        a.close();
      }
    }
    for (FastAgent a : started) {
      if (a.receiveFailure().isPresent()) {
        throw a.receiveFailure().get();
      }
    }
    return new Drain((lastEnd.get() - t0) / 1e9, ended, failed, lists);
  }

  /** The emulator's JVM options: the kit's unless {@code --daemon-jvm-options} was given. */
  private List<String> jvmOptions() {
    if (daemonJvmOptions == null) {
      return EmulatorLauncher.DAEMON_JVM_OPTIONS;
    }
    String o = daemonJvmOptions.strip();
    return o.isEmpty() ? List.of() : List.of(o.split("\\s+"));
  }

  /** {@code count} files of {@code fileSize} bytes, at most 1000 per directory. */
  private List<Path> createFiles(Path root, int count) throws IOException {
    byte[] data = new byte[(int) Math.min(fileSize, Integer.MAX_VALUE - 8)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    List<Path> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Path d = root.resolve(String.format(Locale.ROOT, "d%03d", i / FILES_PER_DIRECTORY));
      if (i % FILES_PER_DIRECTORY == 0) {
        Files.createDirectories(d);
      }
      out.add(Files.write(d.resolve(String.format(Locale.ROOT, "f%06d", i)), data));
    }
    return out;
  }

  /** FIDs of every file (the daemon assigns them on first sight), looked up in parallel. */
  private List<Fid> lookUp(ExecutorService pool, List<Path> files) throws Exception {
    List<Future<List<Fid>>> parts = new ArrayList<>();
    int step = Math.max(1, (files.size() + queueThreads - 1) / queueThreads);
    for (int from = 0; from < files.size(); from += step) {
      List<Path> slice = files.subList(from, Math.min(files.size(), from + step));
      parts.add(
          pool.submit(
              () -> {
                List<Fid> out = new ArrayList<>(slice.size());
                for (Path p : slice) {
                  out.add(HsmClient.path2fid(p));
                }
                return out;
              }));
    }
    List<Fid> fids = new ArrayList<>(files.size());
    for (Future<List<Fid>> f : parts) {
      fids.addAll(get(f));
    }
    return fids;
  }

  /** ARCHIVE requests for every FID, {@code batch} per call, calls in parallel. */
  private void queue(ExecutorService pool, Path mnt, List<Fid> fids) throws Exception {
    List<Future<?>> calls = new ArrayList<>();
    for (int from = 0; from < fids.size(); from += batch) {
      List<Fid> slice = fids.subList(from, Math.min(fids.size(), from + batch));
      calls.add(
          pool.submit(
              () -> {
                HsmClient.request(
                    mnt,
                    new HsmUserRequest(
                        UserAction.ARCHIVE,
                        ARCHIVE_ID,
                        EnumSet.noneOf(RequestFlag.class),
                        slice,
                        new byte[0]));
                return null;
              }));
    }
    for (Future<?> f : calls) {
      get(f);
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  /**
   * The coordinator's own count of SUCCEED records once {@code hsm/actions} shows them all (the
   * file is re-rendered within a second of the last change): what the daemon agreed happened.
   */
  private static long awaitSucceedRecords(EmulatorProcess emu, long expected) {
    return Await.until(
        expected + " SUCCEED records in hsm/actions",
        Duration.ofSeconds(60),
        () ->
            emu.param("hsm/actions")
                .lines()
                .filter(l -> l.endsWith(" status=SUCCEED data=[]"))
                .count(),
        n -> n >= expected);
  }
}
