package org.lhsm.bindings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WakeupPipeTest {

  @Test
  void signalMakesPollReturnAndDrainResets() throws Exception {
    try (WakeupPipe a = new WakeupPipe();
        WakeupPipe b = new WakeupPipe()) {
      int[] fds = {a.readFd(), b.readFd()};
      assertThat(WakeupPipe.pollReadable(fds, 0)).isZero();

      b.signal();
      b.signal();
      assertThat(WakeupPipe.pollReadable(fds, 10_000)).isEqualTo(0b10);
      assertThat(b.drain()).isTrue();
      assertThat(b.drain()).isFalse();
      assertThat(WakeupPipe.pollReadable(fds, 0)).isZero();

      a.signal();
      assertThat(WakeupPipe.pollReadable(fds, -1)).isEqualTo(0b01);
    }
  }

  @Test
  void signalFromAnotherThreadWakesAnInfinitePoll() throws Exception {
    try (WakeupPipe p = new WakeupPipe()) {
      Thread t = new Thread(p::signal);
      t.start();
      assertThat(WakeupPipe.pollReadable(new int[] {p.readFd()}, -1)).isEqualTo(1);
      t.join();
    }
  }

  @Test
  void closeIsIdempotentAndSignalAfterCloseIsHarmless() throws Exception {
    WakeupPipe p = new WakeupPipe();
    p.close();
    p.close();
    p.signal();
    assertThat(p.drain()).isFalse();
  }
}
