package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.EndOutcome;
import org.lhsm.copytool.fakes.FakeActionHandle;

class PosixArchiveBackendTest {
  private static final Fid FID = Fid.parseLenient("[0x200000401:0x5:0x0]");
  private static final int CHUNK = 1 << 16;

  @TempDir Path tmp;

  private Path root() throws IOException {
    return Files.createDirectories(tmp.resolve("arc"));
  }

  private PosixArchiveBackend backend(ArchiveFormat format, ChecksumAlgorithm sum)
      throws IOException {
    return new PosixArchiveBackend(
        new PosixOptions(new ArchivePaths(root(), format), false, false, false, sum));
  }

  /** CAP_SYS_ADMIN in practice: root in a container may lack it. */
  private boolean canSetTrusted() throws IOException {
    Path probe = Files.createTempFile(tmp, "trusted", "");
    try {
      ExtendedAttributes.set(probe, "trusted.lhsm.probe", new byte[] {1});
      return true;
    } catch (org.lhsm.bindings.LustreException e) {
      return false;
    } finally {
      Files.delete(probe);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static HsmActionItem item(CopytoolAction kind) {
    return new HsmActionItem(kind, FID, FID, HsmExtent.whole(), 42, 0, null);
  }

  /** Random content with zero runs so the sparse path is exercised. */
  /** The {@code _tmp} of {@link #FID}, there already with {@code content}. */
  private static Path existingTmp(PosixArchiveBackend b, String content) throws IOException {
    Path tmpFile = b.paths().tmpPath(FID);
    Files.createDirectories(tmpFile.getParent());
    return Files.writeString(tmpFile, content);
  }

  private Path lustreFile(String name, long size, long seed) throws IOException {
    Path f = tmp.resolve(name);
    Random r = new Random(seed);
    try (FileChannel ch =
        FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      for (long pos = 0; pos < size; pos += CHUNK) {
        int n = (int) Math.min(CHUNK, size - pos);
        buf.clear().limit(n);
        if ((pos / CHUNK) % 3 != 1) { // every third chunk is a hole
          byte[] b = new byte[n];
          r.nextBytes(b);
          buf.put(b).flip();
        } else {
          buf.put(new byte[n]).flip();
        }
        while (buf.hasRemaining()) {
          ch.write(buf, pos + buf.position());
        }
      }
    }
    return f;
  }

  static Stream<Arguments> sizes() {
    return Stream.of(
            0L, 1L, 4095L, 4096L, CHUNK - 1L, CHUNK + 7L, 3L * CHUNK, (1L << 20) + 13, 64L << 20)
        .flatMap(
            s ->
                Stream.of(
                    Arguments.of(s, ArchiveFormat.V1, ChecksumAlgorithm.CRC32C),
                    Arguments.of(
                        s,
                        ArchiveFormat.V2,
                        s == 64L << 20 ? ChecksumAlgorithm.NONE : ChecksumAlgorithm.SHA256)));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void archiveThenRestoreGivesIdenticalBytes(long size, ArchiveFormat format, ChecksumAlgorithm sum)
      throws IOException {
    PosixArchiveBackend b = backend(format, sum);
    Path lustre = lustreFile("f", size, size);
    FakeActionHandle ah = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    ah.relativePath = "d1/f1";
    RecordingControl c = new RecordingControl(CHUNK);
    b.archive(item(CopytoolAction.ARCHIVE), ah, c);
    assertThat(c.bytes).isEqualTo(size);
    assertThat(c.startedTotal).isEqualTo(size);

    Path data = root().resolve(ArchivePaths.relativeDataPath(FID, format));
    assertThat(Files.mismatch(lustre, data)).isEqualTo(-1L);
    assertThat(Files.exists(ArchivePaths.withSuffix(data, "_tmp"))).isFalse();
    assertThat(Files.exists(ArchivePaths.checksumPath(data))).as("no side file").isFalse();
    assertThat(ExtendedAttributes.get(data, ChecksumRecord.XATTR).isPresent())
        .as("checksum record on the data file")
        .isEqualTo(sum != ChecksumAlgorithm.NONE);
    assertThat(ExtendedAttributes.get(data, TempFiles.TAG)).as("writer tag taken off").isEmpty();
    assertThat(Files.readSymbolicLink(root().resolve("shadow/d1/f1")).toString())
        .isEqualTo("../../" + ArchivePaths.relativeDataPath(FID, format));

    Path vol = tmp.resolve("volatile");
    FakeActionHandle rh = new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true);
    b.restore(item(CopytoolAction.RESTORE), rh, new RecordingControl(CHUNK));
    assertThat(Files.size(vol)).isEqualTo(size);
    assertThat(Files.mismatch(lustre, vol)).isEqualTo(-1L);
  }

  @Test
  void corruptedArchiveFailsTheRestoreWithEio() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 300_000, 1);
    byte[] original = Files.readAllBytes(lustre);
    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(CHUNK));
    Path data = b.paths().dataPath(FID);
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {(byte) 0x5a}), 1234); // one flipped byte
    }
    Path vol = tmp.resolve("volatile");
    FakeActionHandle rh = new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true);
    assertThatThrownBy(
            () -> b.restore(item(CopytoolAction.RESTORE), rh, new RecordingControl(CHUNK)))
        .isInstanceOf(LustreException.class)
        .hasMessageContaining("checksum mismatch")
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.EIO.number()));
    // only the volatile file was written: the Lustre file is what it was
    assertThat(Files.readAllBytes(lustre)).isEqualTo(original);
  }

  @Test
  void truncatedArchiveFailsBeforeCopying() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V1, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 100_000, 2);
    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(CHUNK));
    try (FileChannel ch = FileChannel.open(b.paths().dataPath(FID), StandardOpenOption.WRITE)) {
      ch.truncate(50_000);
    }
    Path vol = tmp.resolve("volatile");
    FakeActionHandle rh = new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true);
    assertThatThrownBy(
            () -> b.restore(item(CopytoolAction.RESTORE), rh, new RecordingControl(CHUNK)))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.EIO.number()));
    assertThat(Files.exists(vol) ? Files.size(vol) : 0).isZero();
  }

  @Test
  void canceledArchiveLeavesNoTemporaryAndKeepsThePreviousCopy() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path v1 = lustreFile("f", 200_000, 3);
    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), v1, false),
        new RecordingControl(CHUNK));
    Path v2 = lustreFile("g", 400_000, 4);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), v2, false);
    h.layout = new byte[64];
    assertThatThrownBy(
            () -> b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK, 2)))
        .isInstanceOf(ActionCanceledException.class);
    Path data = b.paths().dataPath(FID);
    assertThat(Files.mismatch(v1, data)).isEqualTo(-1L);
    try (Stream<Path> s = Files.list(data.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("0x200000401:0x5:0x0");
    }
  }

  @Test
  void aSecondArchiveOfAFileBeingWrittenFailsWithEbusyAndLeavesTheWriterAlone() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path tmpFile = existingTmp(b, "being written");
    Path lustre = lustreFile("f", 100_000, 11);
    try (org.lhsm.bindings.LocalFile writer = org.lhsm.bindings.LocalFile.openReadWrite(tmpFile)) {
      assertThat(writer.tryLock()).isTrue();

      assertThatThrownBy(
              () ->
                  b.archive(
                      item(CopytoolAction.ARCHIVE),
                      new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
                      new RecordingControl(CHUNK)))
          .hasMessageContaining("being written by another archive")
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EBUSY));
    }
    assertThat(Files.readString(tmpFile)).isEqualTo("being written");
    assertThat(b.paths().dataPath(FID)).doesNotExist();
  }

  @Test
  void aTemporaryReplacedWhileWrittenIsNeverRenamedToTheFinalName() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 5 * CHUNK, 12);
    Path tmpFile = b.paths().tmpPath(FID);
    RecordingControl c = new RecordingControl(CHUNK);
    c.afterChunk =
        () -> {
          if (c.chunks == 2) {
            try { // another writer took the name over (deleted ours, created its own)
              Files.delete(tmpFile);
              Files.writeString(tmpFile, "partial of another writer");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };

    assertThatThrownBy(
            () ->
                b.archive(
                    item(CopytoolAction.ARCHIVE),
                    new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
                    c))
        .hasMessageContaining("was replaced by another archive")
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EBUSY));
    assertThat(b.paths().dataPath(FID)).as("nothing under the final name").doesNotExist();
    assertThat(Files.readString(tmpFile))
        .as("the other writer's file is left alone")
        .isEqualTo("partial of another writer");
  }

  @Test
  void aTemporaryLeftByADeadAttemptGivesWayToAFreshOne() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path tmpFile = existingTmp(b, "left by a killed attempt, much longer than the new data");
    boolean userXattrs = Files.getFileStore(tmpFile).supportsFileAttributeView("user");
    if (userXattrs) {
      ExtendedAttributes.set(tmpFile, "user.stale", bytes("x"));
    }
    Files.writeString(ArchivePaths.lovPath(tmpFile), "stale layout");
    Path lustre = Files.writeString(tmp.resolve("f"), "new data");

    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(CHUNK));

    Path data = b.paths().dataPath(FID);
    assertThat(data).hasContent("new data");
    if (userXattrs) {
      assertThat(ExtendedAttributes.get(data, "user.stale")).as("a fresh inode").isEmpty();
    }
    assertThat(ArchivePaths.lovPath(data)).as("no layout of another attempt").doesNotExist();
    assertThat(tmpFile).doesNotExist();
    assertThat(ArchivePaths.lovPath(tmpFile)).doesNotExist();
  }

  @Test
  void aLayoutLeftWithoutItsTemporaryIsNotTakenForTheNewArchives() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path tmpFile = b.paths().tmpPath(FID);
    Path data = b.paths().dataPath(FID);
    Files.createDirectories(tmpFile.getParent());
    Files.writeString(ArchivePaths.lovPath(tmpFile), "stale layout");
    // an empty directory under the legacy side file's name goes, as Files.deleteIfExists did
    Files.createDirectory(ArchivePaths.checksumPath(data));
    Path lustre = Files.writeString(tmp.resolve("f"), "new data");

    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(CHUNK));

    assertThat(data).hasContent("new data");
    assertThat(ArchivePaths.lovPath(data)).doesNotExist();
    assertThat(ArchivePaths.lovPath(tmpFile)).doesNotExist();
    assertThat(ArchivePaths.checksumPath(data)).doesNotExist();
  }

  @Test
  void theShadowLinkIsCreatedFixedOrKept() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = Files.writeString(tmp.resolve("f"), "data");
    Path link = root().resolve("shadow/d1/d2/f1");
    String target = "../../../" + ArchivePaths.relativeDataPath(FID, ArchiveFormat.V2);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    h.relativePath = "d1/d2/f1";

    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    assertThat(Files.readSymbolicLink(link).toString()).isEqualTo(target);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(link.getParent())))
        .isEqualTo("rwx------");
    Object kept = Files.readAttributes(link, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);

    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    assertThat(Files.readAttributes(link, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .as("a right link is kept")
        .isEqualTo(kept);

    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("../elsewhere"));
    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    assertThat(Files.readSymbolicLink(link).toString()).isEqualTo(target);

    Files.delete(link);
    Files.writeString(link, "a file in the way");
    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    assertThat(Files.readSymbolicLink(link).toString()).isEqualTo(target);
  }

  @Test
  void aLayoutFileThatIsALinkIsNotRead() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V1, ChecksumAlgorithm.CRC32C);
    Path lov = ArchivePaths.lovPath(b.paths().dataPath(FID));
    Files.createDirectories(lov.getParent());
    Path elsewhere = Files.write(tmp.resolve("elsewhere.lov"), new byte[32]);
    Files.createSymbolicLink(lov, elsewhere);
    assertThat(b.restoreLayout(item(CopytoolAction.RESTORE))).isEmpty();
    Files.delete(lov);
    assertThat(b.restoreLayout(item(CopytoolAction.RESTORE))).as("absent").isEmpty();
    Files.write(lov, new byte[LayoutFile.MAX_SIZE + 1]);
    assertThat(b.restoreLayout(item(CopytoolAction.RESTORE))).as("too large").isEmpty();
    Files.write(lov, new byte[] {1, 2, 3});
    assertThat(b.restoreLayout(item(CopytoolAction.RESTORE)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
  }

  @Test
  void layoutSideFileHasTheStripeOffsetReset() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V1, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 10, 5);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    ByteBuffer lov = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    lov.putInt(0, 0x0BD10BD0).putShort(30, (short) 3);
    h.layout = lov.array();
    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    Path lovFile = ArchivePaths.lovPath(b.paths().dataPath(FID));
    ByteBuffer saved = ByteBuffer.wrap(Files.readAllBytes(lovFile)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(saved.getInt(0)).isEqualTo(0x0BD10BD0);
    assertThat(saved.getShort(30)).isEqualTo((short) -1);
    assertThat(Files.getPosixFilePermissions(lovFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(b.restoreLayout(item(CopytoolAction.RESTORE)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(saved.array()));
  }

  @Test
  void attributesAreCopiedInWholeSeconds() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 10, 6);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    int uid = (Integer) Files.getAttribute(lustre, "unix:uid");
    int gid = (Integer) Files.getAttribute(lustre, "unix:gid");
    h.attributes = new org.lhsm.copytool.core.SourceAttributes(0100640, uid, gid, 1000, 2000, 10);
    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    Path data = b.paths().dataPath(FID);
    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(Files.getLastModifiedTime(data)).isEqualTo(FileTime.fromMillis(2_000_000));
    assertThat(Files.getAttribute(data, "lastAccessTime"))
        .isEqualTo(FileTime.fromMillis(1_000_000));
  }

  @Test
  void xattrsOfEveryReachableNamespaceAreCopiedAndUnsupportedOnesSkipped() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 10, 7);
    Assumptions.assumeTrue(Files.getFileStore(lustre).supportsFileAttributeView("user"));
    boolean trusted = canSetTrusted();
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    Map<String, byte[]> xattrs = new LinkedHashMap<>();
    xattrs.put("user.project", bytes("climate"));
    xattrs.put("lustre.lov", bytes("not on a local disk"));
    if (trusted) {
      xattrs.put("trusted.lhsm.test", bytes("t"));
    }
    xattrs.put("user.empty", new byte[0]);
    h.xattrs = xattrs;

    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));

    Map<String, byte[]> kept = ExtendedAttributes.readAll(b.paths().dataPath(FID));
    assertThat(kept).containsKeys("user.project", "user.empty").doesNotContainKey("lustre.lov");
    assertThat(kept.get("user.project")).isEqualTo(bytes("climate"));
    assertThat(kept.containsKey("trusted.lhsm.test")).isEqualTo(trusted);
  }

  @Test
  void noXattrCopiesNone() throws IOException {
    PosixArchiveBackend b =
        new PosixArchiveBackend(
            new PosixOptions(
                new ArchivePaths(root(), ArchiveFormat.V2),
                false,
                true,
                false,
                ChecksumAlgorithm.CRC32C));
    Path lustre = lustreFile("f", 10, 8);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    h.xattrs = Map.of("user.project", bytes("climate"));
    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    assertThat(ExtendedAttributes.readAll(b.paths().dataPath(FID)))
        .as("none of the Lustre file's; the archive's own checksum record only")
        .containsOnlyKeys(ChecksumRecord.XATTR);
  }

  @Test
  void anXattrThatCannotBeSetFailsTheArchiveAndLeavesNoFileUnderTheFinalName() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 10, 9);
    Assumptions.assumeTrue(Files.getFileStore(lustre).supportsFileAttributeView("user"));
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    h.xattrs = Map.of("user." + "n".repeat(300), bytes("name longer than XATTR_NAME_MAX"));
    assertThatThrownBy(
            () -> b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK)))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ERANGE.number()));
    Path data = b.paths().dataPath(FID);
    assertThat(Files.exists(data)).isFalse();
    assertThat(Files.exists(ArchivePaths.withSuffix(data, "_tmp"))).isFalse();
  }

  @Test
  void removeDeletesDataAndSideFilesAndFailsWithEnoentWhenMissing() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 10, 7);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    h.layout = new byte[40];
    b.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
    Path data = b.paths().dataPath(FID);
    b.remove(item(CopytoolAction.REMOVE));
    b.afterEnd(item(CopytoolAction.REMOVE), 0, EndOutcome.ACCEPTED);
    assertThat(Files.exists(data)).isFalse();
    assertThat(ArchivePaths.removingPath(data)).doesNotExist();
    assertThat(Files.exists(ArchivePaths.lovPath(data))).isFalse();
    assertThat(Files.exists(ArchivePaths.checksumPath(data))).isFalse();
    assertThatThrownBy(() -> b.remove(item(CopytoolAction.REMOVE)))
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ENOENT.number()));
  }

  private Path archived(PosixArchiveBackend b, long seed) throws IOException {
    Path lustre = lustreFile("f" + seed, 70_000, seed);
    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(CHUNK));
    return lustre;
  }

  /**
   * Regression (copytool-kill, seed 0x2: a kill between the unlink and the end of a REMOVE left a
   * request whose every retry failed with ENOENT): the REMOVE sent again finishes the removal.
   */
  @Test
  void aRemoveKilledBeforeItsEndIsFinishedByTheRetry() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    archived(b, 21);
    Path data = b.paths().dataPath(FID);
    b.remove(item(CopytoolAction.REMOVE)); // then killed: no end, no afterEnd

    b.remove(item(CopytoolAction.REMOVE)); // the retry
    b.afterEnd(item(CopytoolAction.REMOVE), 0, EndOutcome.ACCEPTED);

    try (Stream<Path> s = Files.list(data.getParent())) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aRemoveTheCoordinatorDidNotAcceptPutsTheArchiveBack() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = archived(b, 22);
    b.remove(item(CopytoolAction.REMOVE));

    b.afterEnd(item(CopytoolAction.REMOVE), 0, EndOutcome.REFUSED); // e.g. canceled meanwhile

    assertThat(Files.mismatch(lustre, b.paths().dataPath(FID))).isEqualTo(-1L);
    assertThat(ArchivePaths.removingPath(b.paths().dataPath(FID))).doesNotExist();
  }

  /**
   * Regression (coordinator-kill, seed 0x00000a5508d12564: the daemon killed after taking a
   * REMOVE's end and before answering; the end sent again was answered ENOENT and the archive file
   * was put back, though the Lustre file no longer said archived): an end without a clear answer
   * leaves the removal as it is, for a retry to finish or a RESTORE to undo.
   */
  @Test
  void aRemoveWhoseEndWentUnansweredIsLeftForItsRetry() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    archived(b, 23);
    Path data = b.paths().dataPath(FID);
    b.remove(item(CopytoolAction.REMOVE));

    b.afterEnd(item(CopytoolAction.REMOVE), 0, EndOutcome.UNKNOWN);

    assertThat(data).doesNotExist();
    assertThat(ArchivePaths.removingPath(data)).exists();
    b.remove(item(CopytoolAction.REMOVE)); // the request again, if the coordinator requeued it
    b.afterEnd(item(CopytoolAction.REMOVE), 0, EndOutcome.ACCEPTED);
    try (Stream<Path> s = Files.list(data.getParent())) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aFailedRemoveWhoseEndWentUnansweredPutsTheArchiveBack() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = archived(b, 24);
    b.remove(item(CopytoolAction.REMOVE));

    b.afterEnd(item(CopytoolAction.REMOVE), Errno.EIO.number(), EndOutcome.UNKNOWN);

    assertThat(Files.mismatch(lustre, b.paths().dataPath(FID))).isEqualTo(-1L);
  }

  @Test
  void aRestoreAfterARemoveThatWasNeverAcceptedUsesTheArchive() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = archived(b, 23);
    b.remove(item(CopytoolAction.REMOVE)); // killed before its end: the file is still archived

    Path vol = tmp.resolve("volatile");
    b.restore(
        item(CopytoolAction.RESTORE),
        new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true),
        new RecordingControl(CHUNK));

    assertThat(Files.mismatch(lustre, vol)).isEqualTo(-1L);
    assertThat(b.paths().dataPath(FID)).exists();
  }

  @Test
  void aNewArchiveSupersedesAnInterruptedRemoval() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    archived(b, 24);
    b.remove(item(CopytoolAction.REMOVE)); // killed before its end
    Path lustre = archived(b, 25);

    Path data = b.paths().dataPath(FID);
    assertThat(Files.mismatch(lustre, data)).isEqualTo(-1L);
    assertThat(ArchivePaths.removingPath(data)).doesNotExist();
  }

  @Test
  void restoreOfMissingArchiveIsEnoent() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    FakeActionHandle rh =
        new FakeActionHandle(item(CopytoolAction.RESTORE), tmp.resolve("volatile"), true);
    assertThatThrownBy(
            () -> b.restore(item(CopytoolAction.RESTORE), rh, new RecordingControl(CHUNK)))
        .isInstanceOf(NoSuchFileException.class)
        .satisfies(e -> assertThat(Errno.numberOf(e, Errno.EIO)).isEqualTo(Errno.ENOENT.number()));
  }

  @Test
  void archiveWithoutChecksumUsesTheKernelCopyPath() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.NONE);
    Path lustre = lustreFile("f", 5 * CHUNK + 3, 8);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    RecordingControl c = new RecordingControl(CHUNK);
    b.archive(item(CopytoolAction.ARCHIVE), h, c);
    assertThat(c.chunks).isEqualTo(6);
    assertThat(Files.mismatch(lustre, b.paths().dataPath(FID))).isEqualTo(-1L);
  }

  @Test
  void partialArchiveWritesInPlaceAtTheSameOffsets() throws IOException {
    PosixArchiveBackend b = backend(ArchiveFormat.V2, ChecksumAlgorithm.CRC32C);
    Path lustre = lustreFile("f", 3 * CHUNK, 9);
    b.archive(
        item(CopytoolAction.ARCHIVE),
        new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false),
        new RecordingControl(CHUNK));
    // change the middle chunk in Lustre, archive only that extent
    try (FileChannel ch = FileChannel.open(lustre, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), CHUNK + 10);
    }
    HsmActionItem partial =
        new HsmActionItem(
            CopytoolAction.ARCHIVE, FID, FID, new HsmExtent(CHUNK, CHUNK), 43, 0, null);
    b.archive(partial, new FakeActionHandle(partial, lustre, false), new RecordingControl(CHUNK));
    Path data = b.paths().dataPath(FID);
    assertThat(Files.mismatch(lustre, data)).isEqualTo(-1L);
    assertThat(ExtendedAttributes.get(data, ChecksumRecord.XATTR))
        .as("the record no longer describes the data: dropped")
        .isEmpty();
    Path vol = tmp.resolve("volatile");
    b.restore(
        item(CopytoolAction.RESTORE),
        new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true),
        new RecordingControl(CHUNK));
    assertThat(Files.mismatch(lustre, vol)).isEqualTo(-1L);
  }
}
