package org.lhsm.faults.kill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lhsm.bindings.HsmClient;
import org.lhsm.emulator.testkit.EmulatorProcess;
import org.lhsm.faults.common.Actions;
import org.lhsm.faults.common.Audits;
import org.lhsm.faults.common.Campaign;
import org.lhsm.faults.common.CampaignResult;
import org.lhsm.faults.common.Context;
import org.lhsm.faults.common.CopytoolProcess;
import org.lhsm.faults.common.Emulators;
import org.lhsm.faults.common.Load;
import org.lhsm.faults.common.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaign 2: the coordinator (the emulator daemon) killed with SIGKILL at random instants under
 * the same mixed load, and started again on its directory (an MDT failover). Each kill is a trial:
 * the daemon serves again, the copytool is still running and registered again by itself (the
 * library's reconnect), the clients' requests go on (their calls are retried while the socket is
 * away). The last trial is the audit: no acknowledged request lost (every request that ended
 * without its effect left a FAILED or CANCELED record), every request finished, every archive and
 * Lustre file holds the right bytes.
 */
public final class CoordinatorKillCampaign implements Campaign {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorKillCampaign.class);
  static final String NAME = "coordinator-kill";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "emulator daemon kill -9 under a mixed load; copytool and clients reconnect by themselves";
  }

  record Size(int files, long maxBytes, int kills, int workers, int timeoutSeconds) {}

  static Size size(boolean full) {
    return full ? new Size(200, 64L << 20, 20, 4, 30) : new Size(30, 4L << 20, 4, 3, 15);
  }

  @Override
  public CampaignResult run(Context ctx) throws Exception {
    Size size = size(ctx.full());
    CampaignResult result = new CampaignResult(NAME, ctx.seed(), ctx.replayPrefix(NAME));
    long t0 = System.nanoTime();
    SplittableRandom plan = Seeds.random(ctx.seed());
    List<Long> delays = new ArrayList<>();
    for (int k = 0; k < size.kills(); k++) {
      delays.add(1000L + plan.nextInt(ctx.full() ? 8000 : 4000));
    }
    Path dir = ctx.directory(NAME);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("hsm/max_requests", "8");
    params.put("hsm/active_request_timeout", "" + size.timeoutSeconds());
    params.put("hsm/loop_period", "1");
    params.put("hsm/grace_delay", "36000");
    List<Long> downMillis = new ArrayList<>();
    List<Long> reconnectMillis = new ArrayList<>();
    try (EmulatorProcess emu = Emulators.start(ctx, dir, params)) {
      // the daemon forgets tunables written as files at restart: keep them in params.conf
      Files.writeString(
          emu.dir().resolve("state/params.conf"),
          "hsm.max_requests=8\nhsm.active_request_timeout="
              + size.timeoutSeconds()
              + "\nhsm.loop_period=1\nhsm.grace_delay=36000\n");
      Path archive = Files.createDirectories(dir.resolve("archive"));
      Load load =
          Load.create(
              emu.mount(1).resolve("load"),
              size.files(),
              size.maxBytes(),
              ctx.seed(),
              1,
              Duration.ofSeconds(120L + 6L * size.timeoutSeconds()));
      load.witness(() -> Emulators.actions(emu));
      String uuid = HsmClient.agentUuid(emu.mount(2));
      try (CopytoolProcess ct =
          CopytoolProcess.start(
              ctx.env(),
              "jhsmtool",
              emu.mount(2),
              archive,
              List.of(),
              List.of("--archive", "1", "--max-jobs", "" + size.workers(), "-u", "1"),
              dir.resolve("copytool.log"))) {
        ct.awaitLine(CopytoolProcess.READY, Duration.ofSeconds(120));
        load.start(size.workers(), ctx.seed());
        boolean all = ctx.trial().isEmpty() || ctx.trial().getAsInt() == size.kills();
        for (int k = 0; k < size.kills(); k++) {
          if (!all && !ctx.runs(k)) {
            continue;
          }
          Thread.sleep(delays.get(k));
          LOG.info("trial {}: kill -9 of the daemon after {} ms", k, delays.get(k));
          List<String> problems = new ArrayList<>();
          long down = System.nanoTime();
          int status = emu.kill9();
          if (status != 137) {
            problems.add("daemon exited " + status + ", not 137");
          }
          emu.restart();
          downMillis.add((System.nanoTime() - down) / 1_000_000);
          long back = System.nanoTime();
          try {
            org.lhsm.emulator.testkit.Await.until(
                "agent " + uuid + " registered again",
                Duration.ofSeconds(90),
                () -> emu.param("hsm/agents").contains(uuid));
            reconnectMillis.add((System.nanoTime() - back) / 1_000_000);
          } catch (AssertionError e) {
            problems.add("copytool not registered again: " + e.getMessage());
          }
          if (!ct.isAlive()) {
            problems.add("copytool exited: " + ct.logTail());
          }
          problems.addAll(Audits.wrongFinalNames(archive, load));
          result.trial(k, problems.isEmpty() ? null : String.join("; ", problems));
        }
        load.stop();
        List<String> problems = new ArrayList<>(load.problems());
        problems.addAll(load.settle());
        problems.addAll(Audits.archiveMatchesLoad(archive, load));
        problems.addAll(Audits.noDebris(archive));
        problems.addAll(
            Audits.allRecordsFinal(emu, Duration.ofSeconds(60L + 3L * size.timeoutSeconds())));
        if (!ct.isAlive()) {
          problems.add("copytool exited");
        }
        result.trial(
            size.kills(), problems.isEmpty() ? null : "audit: " + String.join("; ", problems));
        Emulators.keepIfFailed(ctx, emu, problems);
        figures(result, load, emu, ct, downMillis, reconnectMillis);
        ct.stop(Duration.ofSeconds(60));
      }
    }
    result.duration(Duration.ofNanos(System.nanoTime() - t0));
    return result;
  }

  private static void figures(
      CampaignResult result,
      Load load,
      EmulatorProcess emu,
      CopytoolProcess ct,
      List<Long> downMillis,
      List<Long> reconnectMillis)
      throws Exception {
    Load.Counters c = load.counters();
    Map<String, Long> succeeded = new HashMap<>();
    for (Actions.Record r : Emulators.actions(emu)) {
      if (r.status().equals("SUCCEED")) {
        succeeded.merge(r.fid() + " " + r.action(), 1L, Long::sum);
      }
    }
    result.figure("files", load.files().size());
    result.figure("bytes in files", load.totalBytes());
    result.figure("daemon kills", downMillis.size());
    result.figure("daemon down until serving (ms)", Audits.minMedianMax(downMillis));
    result.figure("copytool registered again (ms)", Audits.minMedianMax(reconnectMillis));
    result.figure("requests sent", c.requests.get());
    result.figure("requests sent again (failed record)", c.resubmitted.get());
    result.figure("acknowledged requests lost", c.lost.get());
    result.figure("client calls that failed", c.submitErrors.get());
    result.figure(
        "archives/restores/removes done",
        c.archives.get() + "/" + c.restores.get() + "/" + c.removes.get());
    result.figure("records SUCCEED", succeeded.values().stream().mapToLong(Long::longValue).sum());
    result.figure(
        "copytool reconnects logged",
        ct.output()
            .lines()
            .filter(l -> l.contains("registered again after daemon restart"))
            .count());
  }
}
