package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.ArchiveTree;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/**
 * The copytool dying with work in flight: SIGTERM (graceful), SIGKILL and restart. Both targets.
 */
class CopytoolSignalsIT extends HsmSuite {
  /**
   * Exit status of jhsmtool after a SIGTERM it has carried out (work finished or handed back,
   * unregistered): 0, as the copytool issue asks. lhsmtool_posix exits 1 here (compat spec §4);
   * sanity-hsm.sh only waits for the process to go, it does not read the status.
   */
  static final int EXIT_AFTER_SIGTERM = 0;

  static final int EXIT_SIGKILL = 128 + 9;

  @Test
  void sigtermLetsTheCopyInFlightFinishAndUnregisters() throws Exception {
    Path mount = target.agentMounts().get(0);
    Copytool ct =
        startCopytool(
            "ct",
            mount,
            "--max-jobs",
            "1",
            "--bandwidth",
            Sizes.BANDWIDTH,
            "--shutdown-grace",
            Long.toString(Await.scaled(Duration.ofSeconds(120)).toSeconds()));
    Path big = dir.resolve("big");
    String sha = TestData.write(big, Sizes.busyFor(6), 41);
    agentctl.ok("archive --archive-id 1", big);
    awaitRunning(big, UserAction.ARCHIVE);
    Await.until(
        "a copy in progress under " + ct.hsmRoot(),
        () -> ArchiveTree.temporaries(ct.hsmRoot()),
        t -> !t.isEmpty());

    ct.terminate();

    assertThat(ct.awaitExit(Duration.ofSeconds(180)))
        .as("exit status after SIGTERM; log:\n%s", ct.logTail())
        .isEqualTo(EXIT_AFTER_SIGTERM);
    assertThat(flags(big))
        .as("the copy in flight finished before exit")
        .contains(HsmState.ARCHIVED)
        .doesNotContain(HsmState.DIRTY);
    assertSameContent(ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(big)), sha);
    assertThat(ArchiveTree.temporaries(ct.hsmRoot())).as("half-written copies").isEmpty();
    String uuid = HsmClient.agentUuid(mount);
    assertThat(AgentCtlRunner.hasJsonField(agentctl.ok("agents", "--json").out(), "uuid", uuid))
        .as("agent %s unregistered", uuid)
        .isFalse();
  }

  /**
   * SIGTERM with one copy running and one item queued behind it in the copytool: the running copy
   * finishes within the grace period, the queued one is handed back for retry (the test turns
   * NoRetryAction off so the coordinator re-queues it) and a new copytool archives it.
   *
   * <p>Before handing the queued item back, jhsmtool closes its end of the coordinator channel:
   * otherwise the coordinator would send the re-queued request straight back to the stopping
   * copytool, where it would stay STARTED until {@code active_request_timeout}.
   */
  @Test
  void sigtermFinishesTheRunningCopyAndHandsQueuedWorkBackForRetry() throws Exception {
    Path mount = target.agentMounts().get(0);
    boolean nraWasOn = tunables("policy").get("policy").contains("[NoRetryAction]");
    agentctl.ok("tunables", "set", "policy=-NRA");
    try {
      Copytool ct =
          startCopytool(
              "ct",
              mount,
              "--max-jobs",
              "1",
              "--bandwidth",
              Sizes.BANDWIDTH,
              "--shutdown-grace",
              Long.toString(Await.scaled(Duration.ofSeconds(120)).toSeconds()));
      Path big = dir.resolve("big");
      Path queued = dir.resolve("queued");
      String bigSha = TestData.write(big, Sizes.busyFor(6), 41);
      String queuedSha = TestData.write(queued, 64 * 1024, 42);
      agentctl.ok("archive --archive-id 1", big);
      awaitRunning(big, UserAction.ARCHIVE);
      agentctl.ok("archive --archive-id 1", queued);
      awaitRunning(queued, UserAction.ARCHIVE);
      Await.until(
          "a copy in progress under " + ct.hsmRoot(),
          () -> ArchiveTree.temporaries(ct.hsmRoot()),
          t -> !t.isEmpty());

      ct.terminate();

      assertThat(ct.awaitExit(Duration.ofSeconds(180)))
          .as("exit status after SIGTERM; log:\n%s", ct.logTail())
          .isEqualTo(EXIT_AFTER_SIGTERM);
      assertThat(flags(big))
          .as("the copy in flight finished before exit")
          .contains(HsmState.ARCHIVED)
          .doesNotContain(HsmState.DIRTY);
      assertSameContent(ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(big)), bigSha);
      assertThat(ArchiveTree.temporaries(ct.hsmRoot())).as("half-written copies").isEmpty();
      assertThat(ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(queued))).doesNotExist();
      String uuid = HsmClient.agentUuid(mount);
      assertThat(AgentCtlRunner.hasJsonField(agentctl.ok("agents", "--json").out(), "uuid", uuid))
          .as("agent %s unregistered", uuid)
          .isFalse();
      Await.until(
          queued + " re-queued for retry",
          () -> requests(queued, "--action", "ARCHIVE", "--status", "WAITING"),
          out -> !out.equals("[]"));

      Copytool next = startCopytool("ct-next", mount, ct.hsmRoot());
      awaitArchived(queued);
      assertSameContent(
          ArchiveTree.dataFile(next.hsmRoot(), HsmClient.path2fid(queued)), queuedSha);
    } finally {
      agentctl.ok("tunables", "set", "policy=" + (nraWasOn ? "+NRA" : "-NRA"));
    }
  }

  @Test
  void afterKillMinus9ARestartedCopytoolCompletesTheWork() throws Exception {
    Path mount = target.agentMounts().get(0);
    Copytool first =
        startCopytool("ct-killed", mount, "--max-jobs", "1", "--bandwidth", Sizes.BANDWIDTH);
    Path big = dir.resolve("big");
    Path small = dir.resolve("small");
    String bigSha = TestData.write(big, Sizes.busyFor(8), 51);
    String smallSha = TestData.write(small, 64 * 1024, 52);
    Fid bigFid = HsmClient.path2fid(big);
    agentctl.ok("archive --archive-id 1", big);
    awaitRunning(big, UserAction.ARCHIVE);
    Await.until(
        "a copy in progress under " + first.hsmRoot(),
        () -> ArchiveTree.temporaries(first.hsmRoot()),
        t -> !t.isEmpty());

    first.kill9();

    assertThat(first.awaitExit(Duration.ofSeconds(60))).isEqualTo(EXIT_SIGKILL);
    assertThat(ArchiveTree.dataFile(first.hsmRoot(), bigFid))
        .as("nothing half-written under the final archive name")
        .doesNotExist();

    // The STARTED request of the dead copytool only ends by active_request_timeout (1 h by
    // default): shorten it, and the housekeeping period, for this test.
    long timeout = Math.max(5, Await.scaled(Duration.ofSeconds(5)).toSeconds());
    Map<String, String> saved = tunables("active_request_timeout", "loop_period");
    agentctl.ok("tunables", "set", "active_request_timeout=" + timeout, "loop_period=1");
    try {
      // Restarted at once, as systemd would: the dead agent still lingers on the coordinator, and
      // the new copytool joins it (Lustre 2.16 ignores the MDT's EEXIST); the dead one's lock
      // went with its process. A list sent to the agent reaches the live copytool.
      Copytool second = launchCopytool("ct-restarted", mount, first.hsmRoot(), "-u", "1");
      agentctl.ok("archive --archive-id 1", small);
      Await.until(
          "the restarted copytool archiving " + small,
          () -> {
            if (!second.isAlive()) {
              throw new AssertionError("restarted copytool exited; log:\n" + second.logTail());
            }
            return flags(small);
          },
          s -> s.contains(HsmState.ARCHIVED));
      assertSameContent(
          ArchiveTree.dataFile(second.hsmRoot(), HsmClient.path2fid(small)), smallSha);

      awaitIdle(big); // the killed request timed out (CANCELED); ask again
      agentctl.ok("archive --archive-id 1", big);
      awaitArchived(big);
      assertSameContent(ArchiveTree.dataFile(second.hsmRoot(), bigFid), bigSha);
      assertThat(ArchiveTree.temporaries(second.hsmRoot())).isEmpty();
    } finally {
      agentctl.ok(
          "tunables",
          "set",
          "active_request_timeout=" + saved.get("active_request_timeout"),
          "loop_period=" + saved.get("loop_period"));
    }
  }
}
