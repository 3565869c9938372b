package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copytool half of the safe API, through JNA, against the fake library. */
class CopytoolSessionFakeLibraryTest {
  private static final Path MNT = Path.of("/");
  private static final HsmActionItem ARCHIVE =
      new HsmActionItem(
          CopytoolAction.ARCHIVE,
          new Fid(0x200000401L, 7, 0),
          new Fid(0x200000401L, 7, 0),
          new HsmExtent(0, HsmExtent.EOF),
          0xc0ffeeL,
          0,
          new byte[] {1, 2, 3});

  private FakeLibrary fake;

  @BeforeEach
  void load() {
    fake = new FakeLibrary();
  }

  @AfterEach
  void unload() {
    fake.close();
  }

  private static byte[] listOf(HsmActionItem... items) {
    return new HsmActionList(1, "fakefs", 1, 0, List.of(items)).encode();
  }

  @Test
  void registersNonBlockingWithTheArchiveIdsAndUnregistersOnce() throws Exception {
    CopytoolSession ct = CopytoolSession.register(MNT, List.of(3, 1));
    assertThat(fake.pointer("fake_mnt").getString(0)).isEqualTo("/");
    assertThat(fake.call("fake_archive_count")).isEqualTo(2);
    assertThat(List.of(fake.call("fake_archive", 0), fake.call("fake_archive", 1)))
        .containsExactly(1, 3);
    assertThat(fake.call("fake_rfd_flags") & 04000).isEqualTo(04000);
    assertThat(ct.archiveIds()).containsExactlyInAnyOrder(1, 3);
    assertThat(ct.mount()).isEqualTo(MNT);
    assertThat(ct.fd()).isPositive();

    ct.close();
    ct.close();
    assertThat(fake.call("fake_unregister_calls")).isEqualTo(1);
    assertThatThrownBy(() -> ct.begin(ARCHIVE, -1, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void emptyArchiveListMeansAll() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      assertThat(fake.call("fake_archive_count")).isZero();
      assertThat(ct.archiveIds()).isEmpty();
    }
  }

  @Test
  void registrationErrorsAreTyped() {
    assertThatThrownBy(() -> CopytoolSession.register(Path.of("/missing"), List.of()))
        .isInstanceOf(NoSuchFileException.class);
    fake.rcs(-17, 0, 0, 0, 0);
    assertThatThrownBy(() -> CopytoolSession.register(MNT, List.of(1)))
        .isExactlyInstanceOf(LustreException.class)
        .hasMessage("llapi_hsm_copytool_register(/): EEXIST (File exists)");
  }

  @Test
  void receiveTimesOutEmptyThenDeliversACopiedList() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      assertThat(ct.receive(Duration.ofMillis(20))).isEmpty();

      fake.push(listOf(ARCHIVE, ARCHIVE));
      Optional<HsmActionList> hal = ct.receive(Duration.ofSeconds(30));

      assertThat(hal).isPresent();
      assertThat(hal.get().fsname()).isEqualTo("fakefs");
      assertThat(hal.get().items()).containsExactly(ARCHIVE, ARCHIVE);
      // the library buffer is reused by the next message; the decoded list must not change
      fake.push(listOf());
      assertThat(ct.receive(Duration.ofSeconds(30)).orElseThrow().items()).isEmpty();
      assertThat(hal.get().items()).containsExactly(ARCHIVE, ARCHIVE);
    }
  }

  @Test
  void anUnknownActionIsDeliveredAndCanBeRefusedWithItsOwnCode() throws Exception {
    HsmActionItem unknown =
        new HsmActionItem(
            CopytoolAction.UNKNOWN,
            ARCHIVE.fid(),
            ARCHIVE.dfid(),
            ARCHIVE.extent(),
            0xbadL,
            0,
            new byte[0],
            99);
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      fake.push(listOf(unknown, ARCHIVE));
      List<HsmActionItem> items = ct.receive(Duration.ofSeconds(30)).orElseThrow().items();
      assertThat(items).containsExactly(unknown, ARCHIVE);

      try (CopyAction a = ct.beginError(items.get(0))) {
        assertThat(fake.call("fake_begin_is_error")).isNotZero();
        // hai_action follows hai_len: the coordinator must see the code it sent
        assertThat(fake.pointer("fake_begin_hai").getInt(4)).isEqualTo(99);
        a.fail(Errno.EINVAL, false);
      }
      assertThat(fake.call("fake_end_errval")).isEqualTo(22);
      assertThat(fake.call("fake_end_flags")).isZero();
    }
  }

  @Test
  void malformedMessageIsAProtocolError() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      fake.push(new byte[] {2, 0, 0, 0});
      assertThatThrownBy(() -> ct.receive(Duration.ofSeconds(30)))
          .isInstanceOf(HsmProtocolException.class);
    }
  }

  @Test
  void shutdownMessageEndsTheLoop() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      fake.call("fake_push_shutdown");
      assertThatThrownBy(() -> ct.receive(Duration.ofSeconds(30)))
          .isExactlyInstanceOf(CopytoolShutdownException.class)
          .hasMessageContaining("ESHUTDOWN");
    }
  }

  @Test
  void wakeupFromAnotherThreadStopsABlockingReceive() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  ct.receive();
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      ct.wakeup();
      assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
    }
  }

  @Test
  void closeStopsAReceiverAndUnregisters() throws Exception {
    CopytoolSession ct = CopytoolSession.register(MNT, List.of());
    CompletableFuture<Optional<HsmActionList>> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ct.receive(Duration.ofDays(1));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ct.close();
    assertThat(outcome.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(fake.call("fake_unregister_calls")).isEqualTo(1);
  }

  @Test
  void beginPassesTheItemAndCompleteEndsWithItsExtent() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      CopyAction a = ct.begin(ARCHIVE, 2, 0x2100);
      assertThat(fake.pointer("fake_begin_hai").getByteArray(0, 72))
          .isEqualTo(java.util.Arrays.copyOf(ARCHIVE.encode(), 72));
      assertThat(fake.call("fake_begin_mdt")).isEqualTo(2);
      assertThat(fake.call("fake_begin_flags")).isEqualTo(0x2100);
      assertThat(fake.call("fake_begin_is_error")).isZero();
      assertThat(a.item()).isEqualTo(ARCHIVE);
      assertThat(a.dataFid()).isEqualTo(new Fid(0x200000401L, 1007, 0));

      a.progress(new HsmExtent(4096, 1024), 1 << 20);
      Pointer pe = fake.pointer("fake_progress_extent");
      assertThat(List.of(pe.getLong(0), pe.getLong(8))).containsExactly(4096L, 1024L);
      assertThat(fake.callLong("fake_progress_total")).isEqualTo(1 << 20);

      a.complete();
      assertThat(a.isEnded()).isTrue();
      Pointer ee = fake.pointer("fake_end_extent");
      assertThat(List.of(ee.getLong(0), ee.getLong(8))).containsExactly(0L, -1L);
      assertThat(fake.call("fake_end_errval")).isZero();
      assertThat(fake.call("fake_end_flags")).isZero();

      a.close();
      assertThat(fake.call("fake_end_calls")).isEqualTo(1);
      assertThatThrownBy(a::complete).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> a.progress(HsmExtent.whole(), 0))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closeWithoutEndReportsCanceled() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      try (CopyAction a = ct.begin(ARCHIVE, -1, 0)) {
        assertThat(a.isEnded()).isFalse();
      }
      assertThat(fake.call("fake_end_calls")).isEqualTo(1);
      assertThat(fake.call("fake_end_errval")).isEqualTo(125);
    }
  }

  @Test
  void failReportsErrnoAndRetryFlag() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of());
        CopyAction a = ct.beginError(ARCHIVE)) {
      assertThat(fake.call("fake_begin_is_error")).isNotZero();
      a.fail(Errno.EIO, true);
      assertThat(fake.call("fake_end_errval")).isEqualTo(5);
      assertThat(fake.call("fake_end_flags")).isEqualTo(2);
    }
    assertThat(fake.call("fake_end_calls")).isEqualTo(1);
  }

  @Test
  void canceledProgressAndFailedBeginAreTyped() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      fake.rcs(0, 0, -125, 0, 0);
      try (CopyAction a = ct.begin(ARCHIVE, -1, 0)) {
        assertThatThrownBy(() -> a.progress(new HsmExtent(0, 1), 1))
            .isExactlyInstanceOf(ActionCanceledException.class)
            .hasMessage(
                "llapi_hsm_action_progress([0x200000401:0x7:0x0]): ECANCELED (Operation canceled)");
      }
      fake.rcs(0, -2, 0, 0, 0);
      assertThatThrownBy(() -> ct.begin(ARCHIVE, -1, 0))
          .isExactlyInstanceOf(LustreException.class)
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOENT))
          .hasMessageContaining("[0x200000401:0x7:0x0]");
    }
  }

  @Test
  void dataChannelIsReadOnlyForArchiveAndWritableForRestore(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.writeString(data, "payload");
    fake.call("fake_set_data_file", data.toString());
    HsmActionItem restore =
        new HsmActionItem(
            CopytoolAction.RESTORE, ARCHIVE.fid(), ARCHIVE.fid(), HsmExtent.whole(), 9, 0, null);
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      try (CopyAction a = ct.begin(ARCHIVE, -1, 0);
          FileChannel ch = a.openDataChannel()) {
        ByteBuffer b = ByteBuffer.allocate(16);
        ch.read(b);
        assertThat(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8))
            .isEqualTo("payload");
        assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
            .isInstanceOf(NonWritableChannelException.class);
        a.complete();
      }
      try (CopyAction a = ct.begin(restore, -1, 0);
          FileChannel ch = a.openDataChannel()) {
        ch.write(ByteBuffer.wrap("restored".getBytes(StandardCharsets.UTF_8)), 0);
        a.complete();
      }
    }
    assertThat(Files.readString(data)).isEqualTo("restored");
  }

  @Test
  void xattrsAreReadFromTheSourceAndWrittenToTheVolatileThroughTheActionFd(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    Files.writeString(data, "payload");
    fake.call("fake_set_data_file", data.toString());
    HsmActionItem restore =
        new HsmActionItem(
            CopytoolAction.RESTORE, ARCHIVE.fid(), ARCHIVE.fid(), HsmExtent.whole(), 9, 0, null);
    byte[] value = new byte[300];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 7);
    }
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      try (CopyAction a = ct.begin(restore, 0, 0x2100)) {
        a.writeXattr("user.lhsm.layout", value);
        // lustre.* does not exist on a local filesystem: a typed error naming the attribute
        assertThatThrownBy(() -> a.writeXattr("lustre.lov", value))
            .isExactlyInstanceOf(LustreException.class)
            .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOTSUP))
            .hasMessageContaining("fsetxattr(lustre.lov of [0x200000401:0x7:0x0])");
        a.complete();
      }
      try (CopyAction a = ct.begin(ARCHIVE, -1, 0)) {
        assertThat(a.readXattr("user.lhsm.layout"))
            .hasValueSatisfying(v -> assertThat(v).containsExactly(value));
        assertThat(a.readXattr("user.lhsm.absent")).isEmpty();
        assertThat(a.readXattr("lustre.lov")).isEmpty();
        assertThat(a.readXattrs())
            .containsOnlyKeys("user.lhsm.layout")
            .hasEntrySatisfying("user.lhsm.layout", v -> assertThat(v).containsExactly(value));
        assertThatThrownBy(() -> a.writeXattr("user.other", value))
            .isInstanceOf(IllegalStateException.class);
        a.complete();
      }
    }
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(data, UserDefinedFileAttributeView.class);
    assertThat(view.list()).containsExactly("lhsm.layout");
  }

  @Test
  void mdtIndexAndFid2path() throws Exception {
    try (CopytoolSession ct = CopytoolSession.register(MNT, List.of())) {
      assertThat(ct.mdtIndex(new Fid(0x200000402L, 1, 0))).isEqualTo(2);
      assertThat(ct.fid2path(new Fid(0x200000401L, 5, 0))).isEqualTo(Path.of("dir/file"));
      assertThat(ct.fid2path(Fid.ROOT)).isEqualTo(Path.of(""));
      assertThatThrownBy(() -> ct.fid2path(new Fid(0x300000000L, 1, 0)))
          .isExactlyInstanceOf(LustreException.class)
          .hasMessage("llapi_fid2path([0x300000000:0x1:0x0]): ENOENT (No such file or directory)");
    }
  }
}
