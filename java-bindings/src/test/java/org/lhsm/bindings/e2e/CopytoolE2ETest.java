package org.lhsm.bindings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.CopyAction;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.CopytoolSession;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.EventFifo;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreException;
import org.lhsm.bindings.ProgressState;
import org.lhsm.bindings.UserAction;
import org.lhsm.emulator.testkit.Await;
import org.lhsm.emulator.testkit.EmulatorExtension;

/**
 * A copytool served in this JVM through {@link CopytoolSession}/{@link CopyAction}, driven by
 * {@link HsmClient} requests. Each test uses its own archive id so that a request one test leaves
 * waiting can never reach another test's copytool.
 */
class CopytoolE2ETest {
  private static final int CHUNK = 64 * 1024;

  @RegisterExtension static final EmulatorExtension emulator = HsmTarget.emulator();
  @TempDir static Path scratch;
  private static HsmTarget target;

  @BeforeAll
  static void open() throws Exception {
    target = HsmTarget.open(emulator);
    boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    Assumptions.assumeTrue(root, "registering a copytool needs root (CAP_SYS_ADMIN)");
  }

  @AfterAll
  static void close() throws Exception {
    if (target != null) {
      target.close();
    }
  }

  private static void request(UserAction action, int archiveId, Fid fid, byte[] data)
      throws IOException {
    HsmClient.request(
        target.mount(), new HsmUserRequest(action, archiveId, Set.of(), List.of(fid), data));
  }

  /** Receives until a list holds an item of {@code action} for {@code fid}; nothing else. */
  private static Received awaitItem(CopytoolSession ct, CopytoolAction action, Fid fid)
      throws IOException {
    long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      Optional<HsmActionList> hal =
          ct.receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (hal.isEmpty()) {
        continue;
      }
      for (HsmActionItem item : hal.get().items()) {
        assertThat(item.fid()).as("an item of another test reached this copytool").isEqualTo(fid);
        if (item.action() == action) {
          return new Received(hal.get(), item);
        }
      }
    }
    throw new AssertionError("no " + action + " item for " + fid + " within " + Await.DEFAULT);
  }

  private record Received(HsmActionList list, HsmActionItem item) {}

  private static Set<HsmState> states(Path f) throws IOException {
    return HsmClient.state(f).states();
  }

  private static void awaitStates(Path f, Set<HsmState> expected) throws Exception {
    Await.until(f + " has states " + expected, () -> states(f), expected::equals);
  }

  private static void awaitIdle(Path f) throws Exception {
    Await.until("no HSM action on " + f, () -> !HsmClient.currentAction(f).isPending());
  }

  /** Copies the data channel of an ARCHIVE action to {@code dst}, reporting each chunk. */
  private static void archiveTo(CopyAction a, Path dst) throws IOException {
    try (FileChannel src = a.openDataChannel();
        FileChannel out =
            FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = src.size();
      long done = 0;
      while (done < size) {
        long n = src.transferTo(done, Math.min(CHUNK, size - done), out);
        a.progress(new HsmExtent(done, n), size);
        done += n;
      }
    }
  }

  @Test
  void archiveReleaseRestoreRemoveCycle() throws Exception {
    int archiveId = 1;
    byte[] data = new byte[300_000];
    new Random(20261125).nextBytes(data);
    Path f = target.newFile("cycle", data);
    Fid fid = HsmClient.path2fid(f);
    Path archived = scratch.resolve("archive-" + fid.toNoBraceString());
    Path original = Files.write(scratch.resolve("original-" + fid.toNoBraceString()), data);
    byte[] opaque = "e2e".getBytes(StandardCharsets.US_ASCII);

    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      assertThat(ct.archiveIds()).containsExactly(archiveId);

      // ARCHIVE
      request(UserAction.ARCHIVE, archiveId, fid, opaque);
      Received r = awaitItem(ct, CopytoolAction.ARCHIVE, fid);
      assertThat(r.list().fsname()).isEqualTo(HsmClient.fsname(target.mount()));
      assertThat(r.list().archiveId()).isEqualTo(archiveId);
      assertThat(r.list().version()).isEqualTo(HsmActionList.VERSION);
      HsmActionItem item = r.item();
      assertThat(item.cookie()).isNotZero();
      assertThat(item.dfid()).isEqualTo(fid);
      assertThat(item.extent()).isEqualTo(HsmExtent.whole());
      assertThat(item.data()).isEqualTo(opaque);
      try (CopyAction a = ct.begin(item, -1, 0)) {
        assertThat(a.dataFid()).isEqualTo(fid);
        HsmCurrentAction running = HsmClient.currentAction(f);
        assertThat(running.state()).isEqualTo(ProgressState.RUNNING);
        assertThat(running.action()).isEqualTo(UserAction.ARCHIVE);
        archiveTo(a, archived);
        a.complete();
        assertThat(a.isEnded()).isTrue();
      }
      awaitStates(f, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
      assertThat(HsmClient.state(f).archiveId()).isEqualTo(archiveId);
      assertThat(Files.mismatch(archived, original)).as("first difference").isEqualTo(-1L);
      awaitIdle(f);
      assertThat(HsmClient.currentAction(f).action()).isEqualTo(UserAction.NONE);

      // RELEASE: done by the client, no copytool involved
      request(UserAction.RELEASE, 0, fid, new byte[0]);
      awaitStates(f, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED, HsmState.RELEASED));
      assertThat(Files.size(f)).isEqualTo(data.length);

      // RESTORE into the volatile file
      request(UserAction.RESTORE, 0, fid, new byte[0]);
      HsmActionItem restore = awaitItem(ct, CopytoolAction.RESTORE, fid).item();
      assertThat(restore.cookie()).isNotEqualTo(item.cookie());
      try (CopyAction a = ct.begin(restore, ct.mdtIndex(fid), 0)) {
        assertThat(a.dataFid()).isNotEqualTo(fid);
        try (FileChannel in = FileChannel.open(archived, StandardOpenOption.READ);
            FileChannel dst = a.openDataChannel()) {
          long done = 0;
          while (done < data.length) {
            long n = in.transferTo(done, Math.min(CHUNK, data.length - done), dst);
            a.progress(new HsmExtent(done, n), data.length);
            done += n;
          }
        }
        a.complete();
      }
      awaitStates(f, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
      assertThat(Files.mismatch(f, original)).as("first difference").isEqualTo(-1L);
      assertThat(HsmClient.path2fid(f)).isEqualTo(fid);

      // REMOVE from the archive
      request(UserAction.REMOVE, 0, fid, new byte[0]);
      HsmActionItem remove = awaitItem(ct, CopytoolAction.REMOVE, fid).item();
      try (CopyAction a = ct.begin(remove, -1, 0)) {
        Files.delete(archived);
        a.complete();
      }
      awaitStates(f, EnumSet.noneOf(HsmState.class));
      awaitIdle(f);
    }
  }

  @Test
  void aWaitingRequestRunsOnceACopytoolComesAndCloseWithoutEndCancelsIt() throws Exception {
    int archiveId = 2;
    Path f = target.newFile("waiting", new byte[] {1, 2, 3});
    Fid fid = HsmClient.path2fid(f);

    request(UserAction.ARCHIVE, archiveId, fid, new byte[0]);
    HsmCurrentAction waiting = HsmClient.currentAction(f);
    assertThat(waiting.state()).isEqualTo(ProgressState.WAITING);
    assertThat(waiting.action()).isEqualTo(UserAction.ARCHIVE);

    Path fifo = scratch.resolve("close-without-end.fifo");
    try (EventFifo events = EventFifo.register(fifo)) {
      EventFifoReader reader = new EventFifoReader(events.path());
      try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
        HsmActionItem item = awaitItem(ct, CopytoolAction.ARCHIVE, fid).item();
        assertThat(HsmClient.currentAction(f).state()).isEqualTo(ProgressState.RUNNING);
        CopyAction a = ct.begin(item, -1, 0);
        a.progress(new HsmExtent(0, 1), 3);
        a.close(); // no end: reported to the coordinator as ECANCELED
        assertThat(a.isEnded()).isTrue();
        a.close(); // idempotent
        awaitIdle(f);
        // ARCHIVE sets EXISTS at dispatch; the canceled copy must not make the file ARCHIVED.
        assertThat(states(f)).containsExactly(HsmState.EXISTS);
        if (target.isEmulated()) {
          // Coordinator spec §5.6: a completion with errval ECANCELED is recorded as SUCCEED.
          Await.until(
              "record of cookie " + item.cookie() + " final",
              () -> target.actionRecord(item.cookie()).orElse("").contains("status=SUCCEED"));
        }
      }
      // The end went out with errval ECANCELED: the library reports ARCHIVE_CANCEL for it.
      assertThat(reader.types())
          .containsExactly(
              "REGISTER", "ARCHIVE_START", "ARCHIVE_RUNNING", "ARCHIVE_CANCEL", "UNREGISTER");
    }
  }

  @Test
  void aCanceledRequestMakesProgressThrowActionCanceled() throws Exception {
    int archiveId = 3;
    Path f = target.newFile("canceled", new byte[4096]);
    Fid fid = HsmClient.path2fid(f);

    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      request(UserAction.ARCHIVE, archiveId, fid, new byte[0]);
      HsmActionItem item = awaitItem(ct, CopytoolAction.ARCHIVE, fid).item();
      try (CopyAction a = ct.begin(item, -1, 0)) {
        a.progress(new HsmExtent(0, 1024), 4096);

        request(UserAction.CANCEL, 0, fid, new byte[0]);
        HsmActionItem cancel = awaitItem(ct, CopytoolAction.CANCEL, fid).item();
        assertThat(cancel.cookie()).isEqualTo(item.cookie());

        assertThatThrownBy(() -> a.progress(new HsmExtent(1024, 1024), 4096))
            .isInstanceOfSatisfying(
                ActionCanceledException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ECANCELED));
        assertThat(a.isEnded()).isFalse();
      } // close() ends it with ECANCELED, as lhsmtool_posix does
      awaitIdle(f);
      assertThat(states(f)).doesNotContain(HsmState.ARCHIVED);
      if (target.isEmulated()) {
        Await.until(
            "archive record CANCELED, cancel record SUCCEED",
            () -> {
              List<String> lines =
                  target.hsmActions().lines().filter(l -> l.contains(fid.toString())).toList();
              return lines.stream()
                      .anyMatch(l -> l.contains("action=ARCHIVE") && l.contains("status=CANCELED"))
                  && lines.stream()
                      .anyMatch(l -> l.contains("action=CANCEL") && l.contains("status=SUCCEED"));
            });
      }
    }
  }

  /**
   * Lustre 2.16 accepts a second copytool on a client mount (the MDT refuses a second agent of the
   * mount's UUID and the client ignores that) and writes every list sent to the mount to every
   * copytool registered there: both sessions receive the same item.
   */
  @Test
  void aSecondSessionOnOneMountJoinsItsAgentAndBothReceiveEachList() throws Exception {
    int archiveId = 4;
    Path f = target.newFile("two-sessions", new byte[] {4, 4});
    Fid fid = HsmClient.path2fid(f);
    try (CopytoolSession first = CopytoolSession.register(target.agentMount(), List.of(archiveId));
        CopytoolSession second =
            CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      request(UserAction.ARCHIVE, archiveId, fid, new byte[0]);
      HsmActionItem toFirst = awaitItem(first, CopytoolAction.ARCHIVE, fid).item();
      HsmActionItem toSecond = awaitItem(second, CopytoolAction.ARCHIVE, fid).item();
      assertThat(toSecond.cookie()).isEqualTo(toFirst.cookie());
      try (CopyAction a = first.begin(toFirst, -1, 0)) {
        archiveTo(a, scratch.resolve("two-sessions-" + fid.toNoBraceString()));
        a.complete();
      }
      awaitStates(f, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
      awaitIdle(f);
    }
  }

  /**
   * A copytool that stops receiving looks gone to the coordinator (its channel is dead, as after a
   * crash): new work goes to another copytool, while the work it already received still completes.
   */
  @Test
  void stopReceivingSendsNewWorkElsewhereAndKeepsReceivedWorkAlive() throws Exception {
    int archiveId = 15;
    Path kept = target.newFile("stop-receiving-kept", new byte[] {1, 2, 3});
    Path moved = target.newFile("stop-receiving-moved", new byte[] {4, 5, 6});
    Fid keptFid = HsmClient.path2fid(kept);
    Fid movedFid = HsmClient.path2fid(moved);
    try (CopytoolSession stopping =
        CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      request(UserAction.ARCHIVE, archiveId, keptFid, new byte[0]);
      HsmActionItem keptItem = awaitItem(stopping, CopytoolAction.ARCHIVE, keptFid).item();

      stopping.stopReceiving();
      stopping.stopReceiving();
      // Sent while the stopped copytool is the only one serving the archive: the coordinator
      // finds it gone and keeps the request for the next copytool.
      request(UserAction.ARCHIVE, archiveId, movedFid, new byte[0]);
      assertThat(stopping.receive(Duration.ofMillis(50))).isEmpty();

      try (CopytoolSession other = CopytoolSession.register(target.mount(), List.of(archiveId))) {
        HsmActionItem movedItem = awaitItem(other, CopytoolAction.ARCHIVE, movedFid).item();
        try (CopyAction a = other.begin(movedItem, -1, 0)) {
          archiveTo(a, scratch.resolve("stop-receiving-moved.arc"));
          a.complete();
        }
      }
      try (CopyAction a = stopping.begin(keptItem, -1, 0)) {
        archiveTo(a, scratch.resolve("stop-receiving-kept.arc"));
        a.complete();
      }
    }
    awaitStates(kept, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
    awaitStates(moved, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
  }

  @Test
  void wakeupStopsABlockedReceive() throws Exception {
    int archiveId = 5;
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      CountDownLatch receiving = new CountDownLatch(1);
      CompletableFuture<Throwable> blocked =
          CompletableFuture.supplyAsync(
              () -> {
                receiving.countDown();
                try {
                  ct.receive();
                  return null;
                } catch (IOException e) {
                  return e;
                }
              });
      assertThat(receiving.await(60, TimeUnit.SECONDS)).isTrue();
      ct.wakeup();
      assertThat(blocked.get(60, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);

      CompletableFuture<Optional<HsmActionList>> timed =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return ct.receive(Duration.ofHours(1));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      ct.wakeup();
      assertThat(timed.get(60, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void receiveTimesOutWhenNothingIsQueued() throws Exception {
    int archiveId = 6;
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      assertThat(ct.receive(Duration.ofMillis(50))).isEmpty();
    }
  }

  @Test
  void aFailureIsFinalUnderTheDefaultNoRetryPolicy() throws Exception {
    int archiveId = 7;
    Path f = target.newFile("failed", new byte[] {1});
    Fid fid = HsmClient.path2fid(f);
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      request(UserAction.ARCHIVE, archiveId, fid, new byte[0]);
      HsmActionItem item = awaitItem(ct, CopytoolAction.ARCHIVE, fid).item();
      try (CopyAction a = ct.beginError(item)) {
        a.fail(Errno.EIO, true);
        assertThat(a.isEnded()).isTrue();
      }
      awaitIdle(f);
      assertThat(states(f)).containsExactly(HsmState.EXISTS);
      if (target.isEmulated()) {
        Await.until(
            "record of cookie " + item.cookie() + " FAILED",
            () -> target.actionRecord(item.cookie()).orElse("").contains("status=FAILED"));
      }
    }
  }

  @Test
  void aFileWrittenDuringItsArchiveFailsTheCompletionWithEbusy() throws Exception {
    int archiveId = 8;
    Path f = target.newFile("busy", new byte[] {1, 2, 3});
    Fid fid = HsmClient.path2fid(f);
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      request(UserAction.ARCHIVE, archiveId, fid, new byte[0]);
      HsmActionItem item = awaitItem(ct, CopytoolAction.ARCHIVE, fid).item();
      try (CopyAction a = ct.begin(item, -1, 0)) {
        archiveTo(a, scratch.resolve("busy-archive"));
        Files.write(f, new byte[] {4}, StandardOpenOption.APPEND);
        assertThatThrownBy(a::complete)
            .isInstanceOfSatisfying(
                LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
        assertThat(a.isEnded()).isTrue();
      }
      awaitIdle(f);
      assertThat(states(f)).doesNotContain(HsmState.ARCHIVED);
    }
  }

  @Test
  void aRequestAboveTheSizeLimitIsSplitAndEveryFileIsServed() throws Exception {
    int archiveId = 9;
    Map<Fid, Path> files = new HashMap<>();
    for (int i = 0; i < 70; i++) {
      Path f = target.newFile("many-" + i, new byte[] {(byte) i});
      files.put(HsmClient.path2fid(f), f);
    }
    HsmUserRequest req =
        new HsmUserRequest(
            UserAction.ARCHIVE, archiveId, Set.of(), new ArrayList<>(files.keySet()), new byte[0]);
    assertThat(req.splitToLimit()).hasSizeGreaterThan(1);

    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      HsmClient.request(target.mount(), req);
      Set<Fid> served = new HashSet<>();
      long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
      while (served.size() < files.size() && System.nanoTime() - deadline < 0) {
        Optional<HsmActionList> hal = ct.receive(Duration.ofSeconds(1));
        for (HsmActionItem item : hal.map(HsmActionList::items).orElse(List.of())) {
          assertThat(files).containsKey(item.fid());
          assertThat(item.action()).isEqualTo(CopytoolAction.ARCHIVE);
          assertThat(served.add(item.fid())).as("served once: " + item.fid()).isTrue();
          try (CopyAction a = ct.begin(item, -1, 0)) {
            a.complete();
          }
        }
      }
      assertThat(served).isEqualTo(files.keySet());
      for (Path f : files.values()) {
        awaitStates(f, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
      }
    }
  }

  @Test
  void anImportedFileIsRestoredFromTheArchive() throws Exception {
    int archiveId = 10;
    byte[] data = new byte[100_000];
    new Random(10).nextBytes(data);
    Path original = Files.write(scratch.resolve("import-original"), data);
    Path dst = target.workDir().resolve("imported");
    Fid fid =
        HsmClient.importFile(
            dst,
            archiveId,
            new ImportAttributes(data.length, 1_700_000_000L, 0, 1_700_000_000L, 0, 0, 0, 0100644));
    assertThat(Files.size(dst)).isEqualTo(data.length);

    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      assertThat(ct.fid2path(fid)).isEqualTo(target.mount().relativize(dst));
      request(UserAction.RESTORE, 0, fid, new byte[0]);
      Received r = awaitItem(ct, CopytoolAction.RESTORE, fid);
      assertThat(r.list().archiveId()).isEqualTo(archiveId);
      try (CopyAction a = ct.begin(r.item(), ct.mdtIndex(fid), 0)) {
        try (FileChannel dstChannel = a.openDataChannel()) {
          dstChannel.write(ByteBuffer.wrap(data));
        }
        a.progress(new HsmExtent(0, data.length), data.length);
        a.complete();
      }
      awaitStates(dst, EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
      assertThat(Files.mismatch(dst, original)).as("first difference").isEqualTo(-1L);
      assertThat(HsmClient.path2fid(dst)).isEqualTo(fid);
      assertThat(Files.getLastModifiedTime(dst).toMillis()).isEqualTo(1_700_000_000_000L);
    }
  }

  @Test
  void closeWakesAReceiverAndUnregisters() throws Exception {
    int archiveId = 11;
    CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId));
    CountDownLatch receiving = new CountDownLatch(1);
    CompletableFuture<Throwable> blocked =
        CompletableFuture.supplyAsync(
            () -> {
              receiving.countDown();
              try {
                ct.receive();
                return null;
              } catch (IOException e) {
                return e;
              }
            });
    assertThat(receiving.await(60, TimeUnit.SECONDS)).isTrue();
    ct.close();
    assertThat(blocked.get(60, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
    assertThatThrownBy(() -> ct.fid2path(Fid.ROOT)).isInstanceOf(IllegalStateException.class);
    // Unregistered: the mount takes a new copytool.
    CopytoolSession.register(target.agentMount(), List.of(archiveId)).close();
  }

  @Test
  void copytoolCallsWriteJsonEventsToTheEventFifo() throws Exception {
    int archiveId = 12;
    Path f = target.newFile("events", new byte[] {1, 2, 3, 4});
    Fid fid = HsmClient.path2fid(f);
    Path fifo = scratch.resolve("events.fifo");
    try (EventFifo events = EventFifo.register(fifo)) {
      assertThat(events.path()).isEqualTo(fifo);
      EventFifoReader reader = new EventFifoReader(fifo);
      try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
        request(UserAction.ARCHIVE, archiveId, fid, new byte[0]);
        HsmActionItem item = awaitItem(ct, CopytoolAction.ARCHIVE, fid).item();
        try (CopyAction a = ct.begin(item, -1, 0)) {
          a.progress(new HsmExtent(0, 4), 4);
          a.complete();
        }
      }
      List<String> got = reader.lines();
      List<String> types = reader.types();
      assertThat(types)
          .containsExactly(
              "REGISTER", "ARCHIVE_START", "ARCHIVE_RUNNING", "ARCHIVE_FINISH", "UNREGISTER");
      assertThat(got.stream().filter(l -> l.contains("ARCHIVE_START")).findFirst().orElseThrow())
          .contains("\"source_fid\": \"" + fid.toNoBraceString() + "\"");
    }
  }

  @Test
  void aFailedRestoreLeavesTheFileReleased() throws Exception {
    int archiveId = 13;
    Path dst = target.workDir().resolve("restore-fails");
    Fid fid =
        HsmClient.importFile(
            dst,
            archiveId,
            new ImportAttributes(5000, 1_700_000_000L, 0, 1_700_000_000L, 0, 0, 0, 0100644));
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      request(UserAction.RESTORE, 0, fid, new byte[0]);
      HsmActionItem item = awaitItem(ct, CopytoolAction.RESTORE, fid).item();
      try (CopyAction a = ct.begin(item, ct.mdtIndex(fid), 0)) {
        try (FileChannel partial = a.openDataChannel()) {
          partial.write(ByteBuffer.wrap(new byte[100]));
        }
        a.fail(Errno.EIO, false);
      }
      awaitIdle(dst);
      assertThat(states(dst))
          .containsExactlyInAnyOrder(HsmState.EXISTS, HsmState.ARCHIVED, HsmState.RELEASED);
      assertThat(Files.size(dst)).isEqualTo(5000);
      assertThat(HsmClient.path2fid(dst)).isEqualTo(fid);
    }
  }

  @Test
  void actionsRunConcurrentlyOnWorkerThreads() throws Exception {
    int archiveId = 14;
    int files = 3;
    Map<Fid, Path> byFid = new HashMap<>();
    for (int i = 0; i < files; i++) {
      byte[] data = new byte[50_000 + i];
      new Random(i).nextBytes(data);
      Path f = target.newFile("concurrent-" + i, data);
      byFid.put(HsmClient.path2fid(f), f);
    }
    ExecutorService workers = Executors.newFixedThreadPool(files);
    try (CopytoolSession ct = CopytoolSession.register(target.agentMount(), List.of(archiveId))) {
      HsmClient.request(
          target.mount(),
          new HsmUserRequest(
              UserAction.ARCHIVE,
              archiveId,
              Set.of(),
              new ArrayList<>(byFid.keySet()),
              new byte[0]));
      List<Future<?>> done = new ArrayList<>();
      CountDownLatch allBegun = new CountDownLatch(files);
      long deadline = System.nanoTime() + Await.DEFAULT.toNanos();
      while (done.size() < files && System.nanoTime() - deadline < 0) {
        for (HsmActionItem item :
            ct.receive(Duration.ofSeconds(1)).map(HsmActionList::items).orElse(List.of())) {
          Path archive = scratch.resolve("concurrent-" + item.fid().toNoBraceString());
          done.add(
              workers.submit(
                  () -> {
                    try (CopyAction a = ct.begin(item, -1, 0)) {
                      allBegun.countDown();
                      // Every action is open at once before any of them ends.
                      assertThat(allBegun.await(60, TimeUnit.SECONDS)).isTrue();
                      archiveTo(a, archive);
                      a.complete();
                    }
                    return null;
                  }));
        }
      }
      assertThat(done).hasSize(files);
      for (Future<?> d : done) {
        d.get(60, TimeUnit.SECONDS);
      }
      for (Map.Entry<Fid, Path> e : byFid.entrySet()) {
        awaitStates(e.getValue(), EnumSet.of(HsmState.EXISTS, HsmState.ARCHIVED));
        Path archive = scratch.resolve("concurrent-" + e.getKey().toNoBraceString());
        assertThat(Files.mismatch(archive, e.getValue())).isEqualTo(-1L);
      }
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void registeringOnADirectoryThatIsNotAMountRootNamesTheMissingFidDirectory(@TempDir Path local)
      throws Exception {
    for (Path notRoot : List.of(local, target.workDir())) {
      assertThatThrownBy(() -> CopytoolSession.register(notRoot, List.of(15)))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessage(notRoot.resolve(".lustre/fid").toString())
          .cause()
          .isInstanceOfSatisfying(
              LustreException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }
    Path missing = local.resolve("missing");
    assertThatThrownBy(() -> CopytoolSession.register(missing, List.of(15)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing.toString());
  }
}
