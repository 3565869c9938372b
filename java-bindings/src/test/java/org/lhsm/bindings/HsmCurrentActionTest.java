package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HsmCurrentActionTest {
  private static HsmCurrentAction of(ProgressState s, UserAction a) {
    return new HsmCurrentAction(s, a, new HsmExtent(0, 0));
  }

  @Test
  void pendingOnlyWithAnActionThatWaitsOrRuns() {
    assertThat(of(ProgressState.WAITING, UserAction.ARCHIVE).isPending()).isTrue();
    assertThat(of(ProgressState.RUNNING, UserAction.RESTORE).isPending()).isTrue();
    // what Lustre 2.16.1 answers for a file with no request
    assertThat(of(ProgressState.WAITING, UserAction.NONE).isPending()).isFalse();
    assertThat(of(ProgressState.NONE, UserAction.NONE).isPending()).isFalse();
    assertThat(of(ProgressState.DONE, UserAction.ARCHIVE).isPending()).isFalse();
  }
}
