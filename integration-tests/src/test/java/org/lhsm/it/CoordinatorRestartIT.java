package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * The coordinator restarted ({@code hsm_control=shutdown}, then {@code enabled}) with one request
 * waiting (for archive 2, which no copytool serves yet) and one running. As in the 2.16.1 kernel,
 * the coordinator keeps only its request log: the registered copytools and the running requests are
 * forgotten, so nothing is dispatched until a copytool registers again (an admin restarts it), the
 * waiting request is then served, and the running one times out and is asked again. Both targets.
 */
class CoordinatorRestartIT extends HsmSuite {
  @Test
  void nothingAcknowledgedIsLostAcrossAShutdownAndEnable() throws Exception {
    Path mount = target.agentMounts().get(0);
    Copytool before =
        startCopytool("ct-before", mount, "--max-jobs", "1", "--bandwidth", Sizes.BANDWIDTH);
    Path running = dir.resolve("running");
    Path waiting = dir.resolve("waiting");
    String runningSha = TestData.write(running, Sizes.busyFor(10), 71);
    Path later = dir.resolve("later");
    String waitingSha = TestData.write(waiting, 64 * 1024, 72);
    String laterSha = TestData.write(later, 64 * 1024, 73);
    Fid runningFid = HsmClient.path2fid(running);
    agentctl.ok("archive --archive-id 1", running);
    awaitRunning(running, UserAction.ARCHIVE);
    Map<String, String> saved = tunables("active_request_timeout", "loop_period");
    try {
      // no copytool serves archive 2 yet: this request waits whatever the coordinator's timing
      agentctl.ok("archive --archive-id 2", waiting);
      Await.until(
          "the request for archive 2 queued",
          () -> requests(waiting, "--action", "ARCHIVE", "--status", "WAITING"),
          r -> !r.equals("[]"));

      // The kernel applies hsm_control writes before the write returns; the emulator's daemon
      // picks them up shortly after, so both are awaited by what they change.
      agentctl.ok("coordinator", "shutdown");
      Await.until("the coordinator stopped", HsmSuite::coordinatorState, "stopped"::equals);
      agentctl.ok("coordinator", "enable");
      Await.until(
          "the coordinator accepting requests again (" + later + " submitted)",
          () -> agentctl.run("archive", "--archive-id", "1", later.toString()).exitCode(),
          code -> code == 0);

      // The kernel's parameter files are read live; the emulator publishes its lists shortly
      // after a change, so each view is awaited (a lost record fails at the deadline).
      Await.until(
          "the waiting request's record after the restart",
          () -> requests(waiting, "--action", "ARCHIVE", "--status", "WAITING"),
          r -> !r.equals("[]"));
      Await.until(
          "the running request's record after the restart",
          () -> requests(running, "--action", "ARCHIVE", "--status", "STARTED"),
          r -> !r.equals("[]"));
      String uuid = HsmClient.agentUuid(mount);
      Await.until(
          "the copytool no longer an agent",
          () -> agentctl.ok("agents", "--json").out(),
          out -> !AgentCtlRunner.hasJsonField(out, "uuid", uuid));

      before.stop(Duration.ofSeconds(60));
      Copytool after = startCopytool("ct-after", mount, before.hsmRoot(), "--archive", "2");
      awaitArchived(waiting);
      assertSameContent(
          ArchiveTree.dataFile(after.hsmRoot(), HsmClient.path2fid(waiting)), waitingSha);
      awaitArchived(later);
      assertSameContent(ArchiveTree.dataFile(after.hsmRoot(), HsmClient.path2fid(later)), laterSha);

      // The running request is no longer known to the coordinator: its record times out from
      // its last logged change (shortened here), then a new request archives the file.
      long timeout = Math.max(5, Await.scaled(Duration.ofSeconds(5)).toSeconds());
      agentctl.ok("tunables", "set", "active_request_timeout=" + timeout, "loop_period=1");
      awaitIdle(running);
      agentctl.ok("archive --archive-id 1", running);
      awaitArchived(running);
      assertSameContent(ArchiveTree.dataFile(after.hsmRoot(), runningFid), runningSha);
      assertThat(ArchiveTree.temporaries(after.hsmRoot())).isEmpty();
    } finally {
      agentctl.ok("coordinator", "enable");
      agentctl.ok(
          "tunables",
          "set",
          "active_request_timeout=" + saved.get("active_request_timeout"),
          "loop_period=" + saved.get("loop_period"));
    }
  }
}
