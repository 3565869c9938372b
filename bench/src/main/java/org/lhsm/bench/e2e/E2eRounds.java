package org.lhsm.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lhsm.bench.report.FileTrees;
import org.lhsm.bench.report.ProcStat;
import org.lhsm.bench.report.Rounds;
import org.lhsm.bench.report.SourceFile;
import org.lhsm.bench.report.Units;
import org.lhsm.bench.throughput.Commands;
import org.lhsm.bench.throughput.CopyTool;
import org.lhsm.bench.throughput.CpTool;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interleaved rounds on one emulator. Per round every peer takes its turn, the order rotating
 * by one each round; a copytool is started for its turn (its registration timed), runs every case,
 * and is stopped; its archive is then deleted. Untimed between cases: files marked dirty or
 * released, {@code sync -f}, and before a big-file copy the prefault of {@code throughput}.
 */
final class E2eRounds {
  private static final Logger LOG = LoggerFactory.getLogger(E2eRounds.class);
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(120);

  /** What to measure. */
  record Plan(
      int rounds,
      FileSet big, // null: no big-file cases
      long bigCrc,
      List<FileSet> batches,
      List<Integer> maxRequests,
      boolean prefault,
      FileSet warmup) {} // null: the first timed case meets a fresh copytool

  private final EmulatorProcess emu;
  private final Path work;
  private final Plan plan;
  private final Commands commands;
  private final List<Sample> samples = new ArrayList<>();
  private final List<Registration> registrations = new ArrayList<>();

  /** One copytool start: start to listed in {@code hsm/agents}, and the CPU used by then. */
  record Registration(String peer, int round, double seconds, double cpuSeconds) {}

  E2eRounds(EmulatorProcess emu, Path work, Plan plan) {
    this.emu = emu;
    this.work = work;
    this.plan = plan;
    this.commands = new Commands(work.resolve("commands.log"), Duration.ofHours(1));
  }

  List<Sample> samples() {
    return samples;
  }

  List<Registration> registrations() {
    return registrations;
  }

  static String bigCase(String op, FileSet big) {
    return op + " " + big.label();
  }

  static String batchCase(FileSet set, int maxRequests) {
    return "archive " + set.label() + ", max_requests " + maxRequests;
  }

  void run(List<Peer> peers) throws Exception {
    for (int r = 1; r <= plan.rounds(); r++) {
      for (Peer p : Rounds.rotated(peers, r - 1)) {
        LOG.info(
            "round {}/{}: {} (load average {})",
            r,
            plan.rounds(),
            p.name(),
            ProcStat.loadAverage().toString());
        if (p.isCopytool()) {
          copytoolTurn(p, r);
        } else {
          cpTurn(r);
        }
        settle();
      }
    }
  }

  private void cpTurn(int round) throws Exception {
    Path dir = Files.createDirectory(work.resolve("cp-" + round));
    try {
      CpTool cp = new CpTool(List.of(), commands);
      Path src = plan.big().files().get(0);
      prepareBig();
      CopyTool.Timed a = cp.archive(src, dir);
      verify("cp archive", a.output());
      samples.add(Sample.ofCp(bigCase("archive", plan.big()), round, a.bytes(), a.nanos() / 1e9));
      prepareBig();
      CopyTool.Timed b = cp.restore(dir);
      verify("cp restore", b.output());
      samples.add(Sample.ofCp(bigCase("restore", plan.big()), round, b.bytes(), b.nanos() / 1e9));
    } finally {
      FileTrees.delete(dir);
    }
  }

  private void copytoolTurn(Peer p, int round) throws Exception {
    Path root = Files.createDirectory(work.resolve("hsm-" + p.name() + "-" + round));
    Path log = work.resolve(p.name() + ".log");
    setMaxRequests(3);
    try (CopytoolProcess ct = CopytoolProcess.start(p, emu, root, log, REGISTER_TIMEOUT)) {
      registrations.add(
          new Registration(p.name(), round, ct.registrationSeconds(), ct.registrationCpuSeconds()));
      if (plan.warmup() != null) {
        warmUp(p, round, ct);
      }
      if (plan.big() != null) {
        bigCases(p, round, ct);
      }
      for (FileSet set : plan.batches()) {
        for (int mr : plan.maxRequests()) {
          setMaxRequests(mr);
          set.dirty();
          settle();
          samples.add(archive(batchCase(set, mr), set, p, round, ct));
        }
      }
    } finally {
      FileTrees.delete(root);
    }
  }

  /** Untimed: the warm-up set archived at max_requests 3, its sample dropped. */
  private void warmUp(Peer p, int round, CopytoolProcess ct) throws Exception {
    FileSet set = plan.warmup();
    set.dirty();
    archive("warm-up " + set.label(), set, p, round, ct);
    settle();
  }

  /** Every file of {@code set} archived by one request, timed to the last flag, and logged. */
  private Sample archive(String caseName, FileSet set, Peer p, int round, CopytoolProcess ct)
      throws Exception {
    Sample s =
        TimedRequest.run(
            caseName,
            p.name(),
            round,
            ct,
            UserAction.ARCHIVE,
            set.files(),
            set.fids(),
            set.bytes(),
            TimedRequest::archived);
    log(s);
    return s;
  }

  private void bigCases(Peer p, int round, CopytoolProcess ct) throws Exception {
    FileSet big = plan.big();
    big.dirty();
    prepareBig();
    samples.add(archive(bigCase("archive", big), big, p, round, ct));
    Path file = big.files().get(0);
    HsmClient.request(
        file,
        new HsmUserRequest(
            UserAction.RELEASE, 1, java.util.EnumSet.noneOf(RequestFlag.class), big.fids(), null));
    Await.until(
        file + " released", () -> HsmClient.state(file).states().contains(HsmState.RELEASED));
    prepareBig();
    Sample b =
        TimedRequest.run(
            bigCase("restore", big),
            p.name(),
            round,
            ct,
            UserAction.RESTORE,
            big.files(),
            big.fids(),
            big.bytes(),
            TimedRequest::restored);
    log(b);
    verify(p.name() + " restore", file);
    samples.add(b);
  }

  /** The kit's set waits for the daemon to rewrite the file, which it does only on a change. */
  private void setMaxRequests(int n) throws Exception {
    if (!emu.param("hsm/max_requests").strip().equals(Integer.toString(n))) {
      emu.set("hsm/max_requests", Integer.toString(n));
    }
  }

  private static void log(Sample s) {
    LOG.info(
        "{} {} round {}: {} s",
        s.caseName(),
        s.peer(),
        s.round(),
        String.format(Locale.ROOT, "%.3f", s.seconds()));
  }

  /** Untimed, before a big-file copy: the prefault (unless disabled) and a settle. */
  private void prepareBig() throws IOException, InterruptedException {
    if (plan.prefault()) {
      SourceFile.scratch(work.resolve("scratch"), plan.big().size());
    }
    settle();
  }

  /** Commits the journal so that nobody pays for the previous case's deletions. */
  private void settle() throws IOException, InterruptedException {
    commands.run(List.of("sync", "-f", work.toString()));
  }

  private void verify(String what, Path output) throws IOException {
    long size = Files.size(output);
    long crc = SourceFile.crc32c(output);
    if (size != plan.big().size() || crc != plan.bigCrc()) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "%s: %s has %d bytes, CRC32C %08x; expected %d, %08x",
              what,
              output,
              size,
              crc,
              plan.big().size(),
              plan.bigCrc()));
    }
    LOG.debug("{} verified ({})", what, Units.binary(size));
  }
}
