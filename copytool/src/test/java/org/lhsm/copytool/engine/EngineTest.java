package org.lhsm.copytool.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lhsm.copytool.fakes.Items.batch;
import static org.lhsm.copytool.fakes.Items.item;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.fakes.FakeActionHandle;
import org.lhsm.copytool.fakes.FakeActionSource;
import org.lhsm.emulator.testkit.Await;

class EngineTest {
  private final FakeActionSource source = new FakeActionSource();
  private final ScriptedBackend backend = new ScriptedBackend();
  private Engine engine;
  private Thread receiveThread;
  private final CompletableFuture<Engine.Result> result = new CompletableFuture<>();

  private void start(EngineConfig config) {
    start(config, NanoClock.SYSTEM, Sleeper.SYSTEM);
  }

  private void start(EngineConfig config, NanoClock clock, Sleeper sleeper) {
    engine = new Engine(source, backend, config, clock, sleeper);
    receiveThread =
        new Thread(
            () -> {
              try {
                result.complete(engine.run());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "test-receive");
    receiveThread.start();
  }

  private static EngineConfig config(int jobs) {
    return EngineConfig.defaults()
        .withMaxJobs(jobs)
        .withPollInterval(Duration.ofMillis(50))
        .withShutdownGrace(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    if (engine != null) {
      engine.shutdown();
      receiveThread.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(receiveThread.isAlive()).as("engine stopped").isFalse();
    }
  }

  private FakeActionHandle.End awaitEnd(long cookie) {
    Await.until(
        "end of cookie " + cookie,
        () -> source.handle(cookie) != null && source.handle(cookie).end() != null);
    return source.handle(cookie).end();
  }

  @Test
  void successfulArchiveEndsWithZeroAndNoRetry() {
    start(config(2));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    assertThat(awaitEnd(1)).isEqualTo(new FakeActionHandle.End(0, -1, false, 0));
  }

  @Test
  void theBackendHearsHowEachEndWent() {
    start(config(2));
    backend.scripts.put(
        2L,
        (item, control) -> {
          throw new org.lhsm.bindings.LustreException("gone", null, Errno.ENOENT, null);
        });
    source.push(batch(item(CopytoolAction.REMOVE, 1), item(CopytoolAction.REMOVE, 2)));
    Await.until("both ends seen", () -> backend.afterEnd.size() == 2);
    assertThat(backend.afterEnd)
        .containsEntry(1L, "errno=0 ACCEPTED")
        .containsEntry(2L, "errno=2 ACCEPTED");
  }

  @Test
  void anEndWithoutAClearAnswerIsUnknownAndACanceledOneRefused() {
    start(config(2));
    source.failEnd(1L, new org.lhsm.bindings.LustreException("end", null, Errno.ENOENT, null));
    source.failEnd(2L, new org.lhsm.bindings.ActionCanceledException("canceled", null));
    source.push(batch(item(CopytoolAction.REMOVE, 1), item(CopytoolAction.REMOVE, 2)));
    Await.until("both ends seen", () -> backend.afterEnd.size() == 2);
    assertThat(backend.afterEnd)
        .containsEntry(1L, "errno=0 UNKNOWN")
        .containsEntry(2L, "errno=0 REFUSED");
  }

  @Test
  void restoresRunBeforeRemovesBeforeArchives() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    backend.scripts.put(1L, ScriptedBackend.blockUntil(release));
    start(config(1));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    assertThat(backend.startedLatch(1).await(20, TimeUnit.SECONDS)).isTrue();
    source.push(
        batch(
            item(CopytoolAction.ARCHIVE, 2),
            item(CopytoolAction.REMOVE, 3),
            item(CopytoolAction.ARCHIVE, 4),
            item(CopytoolAction.RESTORE, 5)));
    Await.until("4 queued", () -> engine.queuedCount() == 4);
    release.countDown();
    awaitEnd(4);
    assertThat(backend.startedOrder()).containsExactly(1L, 5L, 3L, 2L, 4L);
  }

  @Test
  void cancelOfQueuedItemDropsItWithEcanceled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    backend.scripts.put(1L, ScriptedBackend.blockUntil(release));
    start(config(1));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1), item(CopytoolAction.ARCHIVE, 2)));
    assertThat(backend.startedLatch(1).await(20, TimeUnit.SECONDS)).isTrue();
    source.push(batch(item(CopytoolAction.CANCEL, 2)));
    assertThat(awaitEnd(2))
        .isEqualTo(new FakeActionHandle.End(0, -1, false, Errno.ECANCELED.number()));
    release.countDown();
    assertThat(awaitEnd(1).errno()).isZero();
    assertThat(backend.startedOrder()).containsExactly(1L);
  }

  @Test
  void cancelOfRunningCopyInterruptsItAndEndsEcanceled() throws Exception {
    backend.scripts.put(7L, ScriptedBackend.copyUntilStopped());
    start(config(2));
    source.push(batch(item(CopytoolAction.ARCHIVE, 7)));
    assertThat(backend.startedLatch(7).await(20, TimeUnit.SECONDS)).isTrue();
    source.push(batch(item(CopytoolAction.CANCEL, 7)));
    FakeActionHandle.End end = awaitEnd(7);
    assertThat(end.errno()).isEqualTo(Errno.ECANCELED.number());
    assertThat(end.retry()).isFalse();
  }

  @Test
  void cancelInterruptsACopyWaitingOnTheBandwidthLimiter() throws Exception {
    backend.scripts.put(8L, ScriptedBackend.copyUntilStopped());
    CountDownLatch sleeping = new CountDownLatch(1);
    Sleeper blockingSleeper =
        nanos -> {
          sleeping.countDown();
          new CountDownLatch(1).await(); // only an interrupt ends this
        };
    start(config(1).withBandwidth(1), NanoClock.SYSTEM, blockingSleeper);
    source.push(batch(item(CopytoolAction.ARCHIVE, 8)));
    assertThat(sleeping.await(20, TimeUnit.SECONDS)).isTrue();
    source.push(batch(item(CopytoolAction.CANCEL, 8)));
    assertThat(awaitEnd(8).errno()).isEqualTo(Errno.ECANCELED.number());
  }

  @Test
  void ecanceledFromProgressStopsTheCopy() {
    backend.scripts.put(9L, ScriptedBackend.copyUntilStopped());
    source.dataFile = null;
    start(config(1).withUpdateInterval(Duration.ZERO));
    source.cancelAfterProgress(9, 3);
    source.push(batch(item(CopytoolAction.ARCHIVE, 9)));
    FakeActionHandle.End end = awaitEnd(9);
    assertThat(end.errno()).isEqualTo(Errno.ECANCELED.number());
    assertThat(source.handle(9).progress()).hasSize(3);
  }

  @Test
  void transientErrorsAskForRetryAndPermanentOnesCarryTheirErrno() {
    backend.scripts.put(
        1L,
        (i, c) -> {
          throw new LustreException("slow archive", null, Errno.ETIMEDOUT, null);
        });
    backend.scripts.put(
        2L,
        (i, c) -> {
          throw new NoSuchFileException("/archive/x");
        });
    backend.scripts.put(
        3L,
        (i, c) -> {
          throw new IOException("disk on fire");
        });
    backend.scripts.put(
        4L,
        (i, c) -> {
          throw new IllegalStateException("bug");
        });
    start(config(2));
    source.push(
        batch(
            item(CopytoolAction.ARCHIVE, 1),
            item(CopytoolAction.RESTORE, 2),
            item(CopytoolAction.REMOVE, 3),
            item(CopytoolAction.ARCHIVE, 4)));
    assertThat(awaitEnd(1))
        .isEqualTo(new FakeActionHandle.End(0, -1, true, Errno.ETIMEDOUT.number()));
    assertThat(awaitEnd(2))
        .isEqualTo(new FakeActionHandle.End(0, -1, false, Errno.ENOENT.number()));
    assertThat(awaitEnd(3)).isEqualTo(new FakeActionHandle.End(0, -1, false, Errno.EIO.number()));
    assertThat(awaitEnd(4).errno()).isEqualTo(Errno.EIO.number());
    Await.until("4 completed", () -> engine.completedCount() == 4);
    assertThat(engine.majorErrors()).isEqualTo(4);
  }

  @Test
  void unknownActionIsFailedWithEinval() {
    start(config(1));
    source.push(batch(item(CopytoolAction.NONE, 3)));
    assertThat(awaitEnd(3))
        .isEqualTo(new FakeActionHandle.End(0, -1, false, Errno.EINVAL.number()));
    assertThat(backend.startedOrder()).isEmpty();
  }

  @Test
  void listForAnotherFileSystemIsSkipped() {
    start(config(1).withExpectedFsname("other"));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    Await.until("received", () -> source.delivered() == 1);
    source.push(
        new org.lhsm.bindings.HsmActionList(
            org.lhsm.bindings.HsmActionList.VERSION,
            "other",
            1,
            0,
            java.util.List.of(item(CopytoolAction.ARCHIVE, 2))));
    awaitEnd(2);
    assertThat(source.handle(1)).isNull();
    assertThat(backend.startedOrder()).containsExactly(2L);
  }

  @Test
  void fullQueueStopsReceivingUntilAWorkerTakesAnItem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    backend.scripts.put(1L, ScriptedBackend.blockUntil(release));
    start(config(1).withQueueCapacity(2));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    assertThat(backend.startedLatch(1).await(20, TimeUnit.SECONDS)).isTrue();
    source.push(batch(item(CopytoolAction.ARCHIVE, 2), item(CopytoolAction.ARCHIVE, 3)));
    source.push(batch(item(CopytoolAction.ARCHIVE, 4)));
    Await.until(
        "receive thread parked on the full queue",
        () ->
            engine.queuedCount() == 2
                && !source.inReceive()
                && receiveThread.getState() == Thread.State.WAITING);
    assertThat(source.undelivered()).isEqualTo(1);
    release.countDown();
    awaitEnd(4);
    assertThat(source.undelivered()).isZero();
  }

  @Test
  void shutdownFailsQueuedWithRetryAndLetsInFlightFinish() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    backend.scripts.put(1L, ScriptedBackend.blockUntil(release));
    start(config(1));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1), item(CopytoolAction.ARCHIVE, 2)));
    assertThat(backend.startedLatch(1).await(20, TimeUnit.SECONDS)).isTrue();
    engine.shutdown();
    assertThat(awaitEnd(2))
        .isEqualTo(new FakeActionHandle.End(0, -1, true, Errno.ESHUTDOWN.number()));
    assertThat(source.hasStoppedReceiving()).isTrue();
    assertThat(source.endsBeforeStopReceiving())
        .as("queued work handed back only once the coordinator can no longer send it here")
        .isZero();
    assertThat(source.isClosed()).as("still working: not unregistered yet").isFalse();
    release.countDown();
    assertThat(awaitEnd(1).errno()).isZero();
    Engine.Result r = result.get(20, TimeUnit.SECONDS);
    assertThat(r.cause()).isEqualTo(Engine.StopCause.REQUESTED);
    assertThat(source.isClosed()).isTrue();
  }

  @Test
  void shutdownPastTheGracePeriodStopsRunningCopiesWithRetry() throws Exception {
    backend.scripts.put(1L, ScriptedBackend.copyUntilStopped());
    start(config(1).withShutdownGrace(Duration.ZERO));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    assertThat(backend.startedLatch(1).await(20, TimeUnit.SECONDS)).isTrue();
    engine.shutdown();
    assertThat(awaitEnd(1))
        .isEqualTo(new FakeActionHandle.End(0, -1, true, Errno.ESHUTDOWN.number()));
    result.get(20, TimeUnit.SECONDS);
    assertThat(source.isClosed()).isTrue();
  }

  @Test
  void kernelShutdownEndsTheLoopWithEshutdown() throws Exception {
    start(config(1));
    source.pushKernelShutdown();
    Engine.Result r = result.get(20, TimeUnit.SECONDS);
    assertThat(r.cause()).isEqualTo(Engine.StopCause.KERNEL_SHUTDOWN);
    assertThat(r.errno()).isEqualTo(Errno.ESHUTDOWN.number());
    assertThat(source.isClosed()).isTrue();
  }

  @Test
  void abortOnErrorStopsAtTheFirstMajorError() throws Exception {
    backend.scripts.put(
        1L,
        (i, c) -> {
          throw new LustreException("denied", null, Errno.EACCES, null);
        });
    start(config(1).withAbortOnError(true));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    Engine.Result r = result.get(20, TimeUnit.SECONDS);
    assertThat(r.cause()).isEqualTo(Engine.StopCause.ABORT_ON_ERROR);
    assertThat(r.errno()).isEqualTo(Errno.EACCES.number());
  }

  @Test
  void progressIsReportedOncePerIntervalWithRealByteCounts() {
    AtomicLong now = new AtomicLong();
    long second = 1_000_000_000L;
    backend.scripts.put(
        1L,
        (i, control) -> {
          control.started(0, 100);
          for (int k = 0; k < 10; k++) {
            now.addAndGet(10 * second); // each 10-byte chunk takes 10 s
            control.chunkDone(10);
          }
        });
    start(config(1).withUpdateInterval(Duration.ofSeconds(30)), now::get, Sleeper.SYSTEM);
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    awaitEnd(1);
    assertThat(source.handle(1).progress())
        .containsExactly(
            new FakeActionHandle.Progress(0, 0, 100),
            new FakeActionHandle.Progress(0, 30, 100),
            new FakeActionHandle.Progress(30, 30, 100),
            new FakeActionHandle.Progress(60, 30, 100));
  }

  /**
   * A copy done in one chunk still sends its zero-length start report before its end, as the stock
   * tool does: real liblustreapi emits ARCHIVE_RUNNING only for a progress report.
   */
  @Test
  void aCopyDoneInOneChunkStillReportsItsStart() {
    backend.scripts.put(
        1L,
        (i, control) -> {
          control.started(0, 4096);
          control.chunkDone(4096);
        });
    start(config(1));
    source.push(batch(item(CopytoolAction.ARCHIVE, 1)));
    assertThat(awaitEnd(1).errno()).isZero();
    // the library turns it into the ARCHIVE_RUNNING event that sanity-hsm 71 waits for
    assertThat(source.handle(1).progress()).hasSize(1);
  }

  @Test
  void dryRunReportsArchiveAndRemoveWithoutTouchingTheBackendAndRefusesRestore() {
    start(config(1).withDryRun(true));
    source.push(
        batch(
            item(CopytoolAction.ARCHIVE, 1),
            item(CopytoolAction.REMOVE, 2),
            item(CopytoolAction.RESTORE, 3)));
    assertThat(awaitEnd(1).errno()).isZero();
    assertThat(awaitEnd(2).errno()).isZero();
    assertThat(awaitEnd(3)).isEqualTo(new FakeActionHandle.End(0, -1, true, Errno.EAGAIN.number()));
    assertThat(backend.startedOrder()).isEmpty();
  }
}
