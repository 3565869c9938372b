package org.lhsm.bench.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteTimelineTest {
  private static final long S = 1_000_000_000L;

  @Test
  void chunksFallIntoTheSecondTheyMovedOrWereReleasedIn() {
    ByteTimeline t = new ByteTimeline();
    long t0 = 5 * S;
    t.copyStarted(t0 + 10);
    t.copyStarted(t0);
    t.chunk(t0 - 1, t0 + 1, 1000); // before the window: not counted as moved
    t.chunk(t0, t0 + S / 2, 100);
    t.chunk(t0 + S - 1, t0 + S, 200);
    t.chunk(t0 + S, t0 + 2 * S - 1, 300);
    t.chunk(t0 + 2 * S, t0 + 3 * S, 400); // after a 2-s window: shows the work went on

    assertThat(t.firstStart()).hasValue(t0);
    assertThat(t.totalBytes()).isEqualTo(2000);

    ByteTimeline.Windows moved = t.windows(t0, 2, false);
    assertThat(moved.perSecond()).containsExactly(300, 300);
    assertThat(moved.bytes()).isEqualTo(600);
    assertThat(moved.bytesPerSec()).isEqualTo(300.0);
    assertThat(moved.covered()).isTrue();

    ByteTimeline.Windows released = t.windows(t0, 2, true);
    assertThat(released.perSecond()).containsExactly(1100, 500);
    assertThat(released.minPerSecond()).isEqualTo(500);
    assertThat(released.maxPerSecond()).isEqualTo(1100);

    assertThat(t.windows(t0, 3, false).covered()).as("nothing at or after t0+3s").isFalse();
  }

  @Test
  void anEmptyTimelineHasNoStart() {
    assertThat(new ByteTimeline().firstStart()).isEmpty();
  }
}
