package org.lhsm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.UserAction;
import org.lhsm.it.support.TestData;

/** {@code agentctl coordinator disable/enable}: requests queue while disabled. Both targets. */
class CoordinatorControlIT extends HsmSuite {
  @Test
  void requestsWaitWhileDisabledAndRunOnceEnabled() throws Exception {
    startCopytool("ct", target.agentMounts().get(0));
    Path f = dir.resolve("f");
    String sha = TestData.write(f, 1024 * 1024, 61);
    try {
      agentctl.ok("coordinator", "disable");
      assertThat(coordinatorState()).isEqualTo("disabled");

      agentctl.ok("archive --archive-id 1", f);

      assertThat(requests(f, "--action", "ARCHIVE", "--status", "WAITING"))
          .as("the ARCHIVE record is queued")
          .isNotEqualTo("[]");
      assertThat(currentAction(f).action()).isEqualTo(UserAction.ARCHIVE);
      assertThat(currentAction(f).state()).isEqualTo(ProgressState.WAITING);
      assertThat(flags(f)).doesNotContain(HsmState.ARCHIVED);

      agentctl.ok("coordinator", "enable");
      assertThat(coordinatorState()).isEqualTo("enabled");

      awaitArchived(f);
      awaitIdle(f);
      assertSameContent(f, sha);
    } finally {
      agentctl.ok("coordinator", "enable");
    }
  }
}
