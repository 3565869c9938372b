package org.lhsm.copytool.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CopyBufferTest {
  private static final int CHUNK = 1 << 20;
  private final AtomicLong allocations = new AtomicLong();
  private final AtomicLong held = new AtomicLong();
  private final CopyBuffer buffer = new CopyBuffer(CHUNK, allocations, held);

  @Test
  void aSmallFileGetsAPageNotAChunk() {
    ByteBuffer b = buffer.get(4096);
    assertThat(b.isDirect()).isTrue();
    assertThat(b.capacity()).isEqualTo(4096);
    assertThat(buffer.get(1).capacity()).as("an empty or 1-byte file").isEqualTo(4096);
    assertThat(held.get()).isEqualTo(4096);
  }

  @Test
  void sizesRoundUpToPowersOfTwoUpToTheChunk() {
    assertThat(CopyBuffer.sizeFor(0, CHUNK)).isEqualTo(4096);
    assertThat(CopyBuffer.sizeFor(4097, CHUNK)).isEqualTo(8192);
    assertThat(CopyBuffer.sizeFor(65_537, CHUNK)).isEqualTo(131_072);
    assertThat(CopyBuffer.sizeFor(CHUNK - 1, CHUNK)).isEqualTo(CHUNK);
    assertThat(CopyBuffer.sizeFor(100L * CHUNK, CHUNK)).isEqualTo(CHUNK);
    assertThat(CopyBuffer.sizeFor(5000, 3000)).as("a chunk below a power of two").isEqualTo(3000);
    assertThat(CopyBuffer.sizeFor(10, 1000)).as("a chunk below a page").isEqualTo(1000);
  }

  @Test
  void theBufferIsReusedAndOnlyGrows() {
    ByteBuffer small = buffer.get(4096);
    small.put((byte) 1);
    assertThat(buffer.get(100))
        .as("same buffer, cleared")
        .isSameAs(small)
        .satisfies(b -> assertThat(b.position()).isZero());
    ByteBuffer big = buffer.get(10L * CHUNK);
    assertThat(big.capacity()).isEqualTo(CHUNK);
    for (int i = 0; i < 1000; i++) {
      assertThat(buffer.get(i % 2 == 0 ? 4096 : CHUNK)).isSameAs(big);
    }
    assertThat(allocations.get()).isEqualTo(2);
    assertThat(held.get()).isEqualTo(CHUNK);
    buffer.release();
    assertThat(held.get()).isZero();
  }

  @Test
  void atTheDirectMemoryLimitCopiesGetSmallerBuffersInsteadOfFailing() {
    AtomicLong attempts = new AtomicLong();
    CopyBuffer limited =
        new CopyBuffer(
            CHUNK,
            allocations,
            held,
            size -> {
              attempts.incrementAndGet();
              if (size > 65_536) {
                throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer");
              }
              return ByteBuffer.allocateDirect(size);
            });
    assertThat(limited.get(10L * CHUNK).capacity()).isEqualTo(65_536);
    long tried = attempts.get();
    assertThat(limited.get(10L * CHUNK).capacity()).as("kept, no new attempt").isEqualTo(65_536);
    assertThat(attempts.get()).isEqualTo(tried);
    assertThat(allocations.get()).isEqualTo(1);
  }

  @Test
  void withNoDirectMemoryAtAllTheErrorIsThrown() {
    CopyBuffer none =
        new CopyBuffer(
            CHUNK,
            allocations,
            held,
            size -> {
              throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer");
            });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> none.get(1))
        .isInstanceOf(OutOfMemoryError.class);
  }
}
