package org.lhsm.copytool.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long MIB = 1 << 20;
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(5 * SECOND);

  @Test
  void startsEmptySoTheFirstChunkIsPaced() {
    TokenBucket b = new TokenBucket(MIB, MIB, now::get);
    assertThat(b.reserve(MIB)).isEqualTo(SECOND);
  }

  @Test
  void sustainedRateNeverExceedsTheLimit() throws Exception {
    TokenBucket b = new TokenBucket(MIB, MIB, now::get);
    List<Long> waits = new ArrayList<>();
    Sleeper fake =
        nanos -> {
          waits.add(nanos);
          now.addAndGet(nanos);
        };
    long start = now.get();
    for (int i = 0; i < 20; i++) {
      b.acquire(MIB, fake);
    }
    // 20 MiB at 1 MiB/s: at least 19 s even with the burst, exactly 20 s from empty
    assertThat(now.get() - start).isEqualTo(20 * SECOND);
    assertThat(waits).allMatch(w -> w == SECOND);
  }

  @Test
  void concurrentCallersShareTheRateByQueueingBehindEachOther() {
    TokenBucket b = new TokenBucket(2 * MIB, MIB, now::get);
    assertThat(b.reserve(MIB)).isEqualTo(SECOND / 2);
    assertThat(b.reserve(MIB)).isEqualTo(SECOND);
    assertThat(b.reserve(MIB)).isEqualTo(3 * SECOND / 2);
  }

  @Test
  void idleTimeRefillsOnlyUpToTheBurstCapacity() {
    TokenBucket b = new TokenBucket(MIB, MIB, now::get);
    now.addAndGet(100 * SECOND);
    assertThat(b.reserve(MIB)).isZero();
    assertThat(b.reserve(MIB)).isEqualTo(SECOND);
  }

  @Test
  void partialRefillGivesAProportionalWait() {
    TokenBucket b = new TokenBucket(1000, 1000, now::get);
    now.addAndGet(SECOND / 4); // 250 tokens
    assertThat(b.reserve(1000)).isEqualTo(3 * SECOND / 4);
  }

  @Test
  void rejectsNonPositiveRate() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, now::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate");
  }
}
