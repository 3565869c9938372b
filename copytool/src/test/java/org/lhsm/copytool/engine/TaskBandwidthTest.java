package org.lhsm.copytool.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.copytool.fakes.FakeActionHandle;
import org.lhsm.copytool.fakes.Items;

/** The limiter is paid before a chunk moves, so no worker gets a chunk ahead of the limit. */
class TaskBandwidthTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int CHUNK = 1 << 20;

  private final AtomicLong now = new AtomicLong(7 * SECOND);
  private final List<Long> waits = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final Sleeper sleeper =
      nanos -> {
        waits.add(nanos);
        events.add("wait");
        now.addAndGet(nanos);
      };

  private Task task(TokenBucket bucket) throws Exception {
    Task t =
        new Task(
            Items.item(CopytoolAction.ARCHIVE, 1),
            1,
            EngineConfig.defaults().withChunkSize(CHUNK),
            now::get,
            sleeper,
            bucket);
    t.attach(new FakeActionHandle(Items.item(CopytoolAction.ARCHIVE, 1), null, false));
    t.started(0, 3L * CHUNK);
    return t;
  }

  @Test
  void theFirstChunkWaitsForTheLimitBeforeItMoves() throws Exception {
    Task t = task(new TokenBucket(CHUNK, CHUNK, now::get));
    t.beforeChunk(CHUNK);
    events.add("move");
    t.chunkDone(CHUNK);
    assertThat(events).containsExactly("wait", "move");
    assertThat(waits).containsExactly(SECOND);
  }

  @Test
  void workersSharingTheLimitEachWaitTheirTurnBeforeMoving() throws Exception {
    TokenBucket shared = new TokenBucket(CHUNK, CHUNK, now::get);
    Task a = task(shared);
    Task b = task(shared);
    long start = now.get();
    // both workers ask at the same instant: the second waits for both chunks' worth
    a.beforeChunk(CHUNK);
    now.set(start); // b asked at the same time as a, before a's wait was over
    b.beforeChunk(CHUNK);
    assertThat(waits).containsExactly(SECOND, 2 * SECOND);
  }

  @Test
  void aShortLastChunkGivesBackWhatItDidNotUse() throws Exception {
    TokenBucket bucket = new TokenBucket(CHUNK, CHUNK, now::get);
    Task t = task(bucket);
    t.beforeChunk(CHUNK);
    t.chunkDone(CHUNK / 4); // end of file
    assertThat(bucket.reserve(CHUNK)).as("wait for the next full chunk").isEqualTo(SECOND / 4);
  }

  @Test
  void withoutALimitNothingWaits() throws Exception {
    Task t = task(null);
    t.beforeChunk(CHUNK);
    t.chunkDone(CHUNK);
    assertThat(waits).isEmpty();
  }
}
