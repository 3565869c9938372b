package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.ArchiveTree;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/**
 * A copytool killed with {@code kill -9} in the middle of an archive leaves its request STARTED (on
 * Lustre ≤ 2.17 its registration even stays until the coordinator next sends it work). {@code
 * agentctl requests --stuck} finds it once its progress has not moved for two progress intervals,
 * and {@code agentctl takeover} has a second, registered copytool (started with {@code
 * --takeover-dir}) end it with HP_FLAG_RETRY on the dead one's behalf, which the coordinator
 * accepts from any client: the request is queued again at once (not after {@code
 * active_request_timeout}), archived by the live copytool, and nothing stays STARTED. With the
 * default NoRetryAction policy the end makes the record FAILED and the taker submits the request
 * again; without it the record itself returns to WAITING. Both targets.
 */
class TakeoverIT extends HsmSuite {
  private static final String INTERVAL = "1";
  private static final String INTERVALS = "2";

  @Test
  void aKilledCopytoolsArchiveIsSubmittedAgainAndArchivedByTheTaker() throws Exception {
    assertThat(takeOver()).contains("(resubmitted)");
  }

  @Test
  void withoutNoRetryActionTheRecordItselfGoesBackToWaiting() throws Exception {
    boolean nraWasOn = tunables("policy").get("policy").contains("[NoRetryAction]");
    agentctl.ok("tunables", "set", "policy=-NRA");
    try {
      assertThat(takeOver()).contains("(requeued)");
    } finally {
      agentctl.ok("tunables", "set", "policy=" + (nraWasOn ? "+NRA" : "-NRA"));
    }
  }

  /** Kills a copytool mid-archive, takes its request over; returns takeover's output. */
  private String takeOver() throws Exception {
    Copytool dead =
        startCopytool(
            "ct-killed",
            target.agentMounts().get(0),
            "--max-jobs",
            "1",
            "--bandwidth",
            Sizes.BANDWIDTH,
            "-u",
            INTERVAL);
    Path big = dir.resolve("big");
    String sha = TestData.write(big, Sizes.busyFor(30), 91);
    Fid fid = HsmClient.path2fid(big);
    agentctl.ok("archive --archive-id 1", big);
    awaitRunning(big, UserAction.ARCHIVE);
    Await.until(
        "a copy in progress under " + dead.hsmRoot(),
        () -> ArchiveTree.temporaries(dead.hsmRoot()),
        t -> !t.isEmpty());
    Path spool = scratch.resolve("takeover");
    Copytool taker =
        startCopytool(
            "ct-taker",
            target.agentMounts().get(1),
            "-u",
            INTERVAL,
            "--takeover-dir",
            spool.toString());

    dead.kill9();
    dead.awaitExit(Duration.ofSeconds(60));

    String stuck =
        Await.until(
            "the killed copytool's request listed as stuck",
            () ->
                agentctl
                    .ok(
                        "requests",
                        "--stuck",
                        "--json",
                        "--fid",
                        fid.toString(),
                        "--progress-interval",
                        INTERVAL,
                        "--stuck-after",
                        INTERVALS)
                    .out(),
            out -> out.contains("no-progress"));
    assertThat(stuck).contains("\"action\":\"ARCHIVE\"");

    // takeover watches the request for its own window: a progress report of the dead copytool
    // published late (the emulator's lists may lag up to a second under load) moves it, and then
    // "no request to take over" is the right answer; asked again, it is stuck for good
    String handedBack = "handed back by " + HsmClient.agentUuid(taker.mount());
    AgentCtlRunner.Result r =
        Await.until(
            "the dead copytool's request handed back",
            () ->
                agentctl.ok(
                    "takeover",
                    "--spool",
                    spool.toString(),
                    "--all",
                    "--progress-interval",
                    INTERVAL,
                    "--stuck-after",
                    INTERVALS),
            res -> res.out().contains(handedBack));

    awaitArchived(big);
    assertSameContent(ArchiveTree.dataFile(taker.hsmRoot(), fid), sha);
    assertThat(ArchiveTree.temporaries(taker.hsmRoot())).as("half-written copies").isEmpty();
    assertThat(ArchiveTree.dataFile(dead.hsmRoot(), fid))
        .as("nothing under the final name of the killed copytool's archive")
        .doesNotExist();
    awaitIdle(big);
    // the coordinator's lists: on a real MDT at once, on the emulator within a second under load
    // (its documented publication budget), so looked at until they show it
    Await.until(
        "no STARTED or WAITING request left for " + fid,
        () -> requests(big, "--status", "STARTED,WAITING"),
        "[]"::equals);
    return r.out();
  }
}
