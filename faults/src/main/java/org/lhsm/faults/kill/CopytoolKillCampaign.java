package org.lhsm.faults.kill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Audits;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Load;
import org.lhsm.faults.common.Seeds;

/**
 * Campaign 1: jhsmtool killed with SIGKILL at random instants and at every named phase of its work
 * (begin, copy, fsync, rename, directory fsync, end) during a mixed load, restarted at once each
 * time as systemd's {@code Restart=on-failure} would. Each kill is a trial: the phase was reached,
 * nothing wrong appeared under a final archive name, the restarted copytool registered by itself
 * within its {@code --register-timeout}. The last trial is the audit once the load settled: every
 * request finished (a failed one sent again succeeded), every archive file and every Lustre file
 * holds the right bytes, no {@code _tmp} debris is left after the start-up cleanup.
 */
public final class CopytoolKillCampaign implements Campaign {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CopytoolKillCampaign.class);
  static final String NAME = "copytool-kill";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "jhsmtool kill -9 at every phase under a mixed load, restarted as systemd would";
  }

  /** Sizes: bounded for CI, full for the campaign of record. */
  record Size(int files, long maxBytes, int kills, int workers, int timeoutSeconds) {}

  static Size size(boolean full) {
    return full ? new Size(200, 64L << 20, 50, 4, 20) : new Size(36, 4L << 20, 8, 3, 10);
  }

  /**
   * The kill of each trial: first every named point once (shuffled), then a mix. The n-th passage
   * of the point is drawn so that kills spread over about {@code opsPerKill} operations each.
   */
  static List<Phase> plan(long seed, int kills, int opsPerKill) {
    SplittableRandom r = Seeds.random(seed);
    int spread = Math.max(3, 2 * opsPerKill);
    List<Phase> first = new ArrayList<>();
    for (String p : Phase.POINTS) {
      first.add(Phase.point(p, 1 + r.nextInt(spread)));
    }
    Collections.shuffle(first, new java.util.Random(r.nextLong()));
    List<Phase> plan = new ArrayList<>(first.subList(0, Math.min(kills, first.size())));
    while (plan.size() < kills) {
      plan.add(
          r.nextInt(3) == 0
              ? Phase.instant(300 + r.nextInt(4000))
              : Phase.point(
                  Phase.POINTS.get(r.nextInt(Phase.POINTS.size())), 1 + r.nextInt(spread)));
    }
    return plan;
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    Size size = size(ctx.full());
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    List<Phase> plan = plan(ctx.seed(), size.kills(), 3 * size.files() / size.kills());
    Path dir = ctx.directory(NAME);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("hsm/max_requests", "8");
    params.put("hsm/active_request_timeout", "" + size.timeoutSeconds());
    params.put("hsm/loop_period", "1");
    params.put("hsm/grace_delay", "36000"); // records stay: a request without one was lost
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params)) {
      Path archive = Files.createDirectories(dir.resolve("archive"));
      Load load =
          Load.create(
              emu.mount(1).resolve("load"),
              size.files(),
              size.maxBytes(),
              ctx.seed(),
              1,
              Duration.ofSeconds(60L + 6L * size.timeoutSeconds()));
      load.witness(() -> Emulators.actions(emu));
      result.figure("files", size.files());
      result.figure("bytes in files", load.totalBytes());
      Run run = new Run(ctx, emu, archive, load, size, result);
      // the audit's replay (its index is plan.size()) runs every kill again
      boolean all = ctx.trial().isEmpty() || ctx.trial().getAsInt() == plan.size();
      List<Integer> trials = new ArrayList<>();
      for (int k = 0; k < plan.size(); k++) {
        if (all || ctx.runs(k)) {
          trials.add(k);
        }
      }
      run.start(trials.isEmpty() ? null : plan.get(trials.get(0)));
      String first = run.awaitServing(System.nanoTime());
      if (first != null) {
        throw new IllegalStateException("the first copytool did not start: " + first);
      }
      load.start(size.workers(), ctx.seed());
      for (int i = 0; i < trials.size(); i++) {
        int k = trials.get(i);
        Phase next = i + 1 < trials.size() ? plan.get(trials.get(i + 1)) : null;
        result.trial(k, run.killAndRestart(k, plan.get(k), next));
      }
      load.stop();
      result.trial(plan.size(), run.audit());
      run.close();
      Map<String, Integer> byPhase = new TreeMap<>();
      for (int k : trials) {
        byPhase.merge(plan.get(k).name(), 1, Integer::sum);
      }
      result.figure("kills by phase", byPhase);
      run.figures();
    }
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  /** The copytool of the moment, its restarts and the checks. */
  private static final class Run {
    private final Context ctx;
    private final EmulatorProcess emu;
    private final Path archive;
    private final Load load;
    private final Size size;
    private final CampaignResult result;
    private final List<Long> registerMillis = new ArrayList<>();
    private CopytoolProcess ct;
    private int starts;
    private int refusedStarts;

    Run(Context ctx, EmulatorProcess emu, Path archive, Load load, Size size, CampaignResult r) {
      this.ctx = ctx;
      this.emu = emu;
      this.archive = archive;
      this.load = load;
      this.size = size;
      this.result = r;
    }

    /** Starts a copytool that stops at {@code phase} (null: none); returns its start in ms. */
    void start(Phase phase) throws Exception {
      List<String> jvm = phase != null && phase.isPoint() ? List.of(phase.jvmOption()) : List.of();
      ct =
          CopytoolProcess.start(
              ctx.env(),
              "jhsmtool-" + starts,
              emu.mount(2),
              archive,
              jvm,
              List.of(
                  "--archive", "1",
                  "--max-jobs", "" + size.workers(),
                  "-u", "1",
                  "--register-timeout", "300"),
              archive.resolveSibling("copytool.log"));
      starts++;
    }

    /** Waits until the copytool serves; returns how long that took, or a problem. */
    String awaitServing(long startedNanos) {
      try {
        ct.awaitLine(CopytoolProcess.READY, Duration.ofSeconds(330));
      } catch (AssertionError e) {
        return "restarted copytool not serving: " + e.getMessage();
      }
      registerMillis.add((System.nanoTime() - startedNanos) / 1_000_000);
      try {
        if (ct.output().contains("(--register-timeout)")) {
          refusedStarts++;
        }
      } catch (java.io.IOException e) {
        return e.toString();
      }
      return null;
    }

    String killAndRestart(int k, Phase phase, Phase next) throws Exception {
      String problem = null;
      LOG.info("trial {}: kill at {}", k, phase);
      if (phase.isPoint()) {
        try {
          ct.awaitLine(phase.marker(), Duration.ofSeconds(180));
        } catch (AssertionError e) {
          problem = "phase " + phase + " not reached in 180 s";
        }
      } else {
        Thread.sleep(phase.delayMillis());
      }
      int status = ct.kill9();
      ct.close();
      List<String> wrong = Audits.wrongFinalNames(archive, load);
      long restarted = System.nanoTime();
      start(next);
      String serving = awaitServing(restarted);
      List<String> problems = new ArrayList<>();
      if (problem != null) {
        problems.add(problem);
      }
      if (status != 137) {
        problems.add("killed copytool exited " + status + ", not 137");
      }
      problems.addAll(wrong);
      if (serving != null) {
        problems.add(serving);
      }
      return problems.isEmpty() ? null : "kill at " + phase + ": " + String.join("; ", problems);
    }

    String audit() throws Exception {
      if (ct != null && ct.output().contains("FAULT-POINT")) {
        // the last start still carries a fault point: one more restart without it
        ct.kill9();
        ct.close();
        start(null);
        awaitServing(System.nanoTime());
      }
      List<String> problems = new ArrayList<>(load.problems());
      problems.addAll(load.settle());
      problems.addAll(Audits.archiveMatchesLoad(archive, load));
      problems.addAll(Audits.noDebris(archive));
      problems.addAll(
          Audits.allRecordsFinal(emu, Duration.ofSeconds(60L + 3L * size.timeoutSeconds())));
      result.figure(
          "_rm left (remove accepted, kill before delete)",
          org.lhsm.faults.common.ArchiveAudit.scan(archive).removing.size());
      Emulators.keepIfFailed(ctx, emu, problems);
      return problems.isEmpty() ? null : "audit: " + String.join("; ", problems);
    }

    void close() throws InterruptedException {
      if (ct != null) {
        ct.stop(Duration.ofSeconds(60));
        ct.close();
      }
    }

    void figures() {
      Load.Counters c = load.counters();
      result.figure("copytool starts", starts);
      result.figure("starts that waited to register", refusedStarts);
      result.figure("time to serve after a kill (ms)", Audits.minMedianMax(registerMillis));
      result.figure("requests sent", c.requests.get());
      result.figure("requests sent again", c.resubmitted.get());
      result.figure(
          "archives/restores/removes done",
          c.archives.get() + "/" + c.restores.get() + "/" + c.removes.get());
      result.figure("bytes archived", c.bytesArchived.get());
    }
  }
}
