package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.it.support.AgentCtlRunner;
import org.lhsm.it.support.ArchiveTree;
import org.lhsm.it.support.Copytool;
import org.lhsm.it.support.TestData;

/** Cancel of a request queued behind a long copy, on a copytool with one worker. Both targets. */
class CancelIT extends HsmSuite {
  @Test
  void cancelOfAQueuedArchiveDropsItAndLeavesTheRunningOneAlone() throws Exception {
    Copytool ct =
        startCopytool(
            "ct", target.agentMounts().get(0), "--max-jobs", "1", "--bandwidth", Sizes.BANDWIDTH);
    Path big = dir.resolve("big");
    Path small = dir.resolve("small");
    String bigSha = TestData.write(big, Sizes.busyFor(8), 21);
    TestData.write(small, 64 * 1024, 22);

    agentctl.ok("archive --archive-id 1", big);
    awaitRunning(big, UserAction.ARCHIVE);
    agentctl.ok("archive --archive-id 1", small);
    // dispatched to the copytool, whose only worker is busy with the big file
    awaitRunning(small, UserAction.ARCHIVE);

    agentctl.ok("cancel", small);

    // the CANCEL record ends when the copytool reports the target's end (ECANCELED)
    Await.until(
        "CANCEL of " + small + " SUCCEED",
        () -> requests(small, "--action", "CANCEL"),
        out -> AgentCtlRunner.hasJsonField(out, "status", "SUCCEED"));
    awaitIdle(small);
    assertThat(flags(small)).doesNotContain(HsmState.ARCHIVED);
    assertThat(ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(small))).doesNotExist();

    awaitArchived(big);
    assertSameContent(ArchiveTree.dataFile(ct.hsmRoot(), HsmClient.path2fid(big)), bigSha);
  }
}
