package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.ExtendedAttributes;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.EndOutcome;
import org.lhsm.copytool.fakes.FakeActionHandle;
import org.lhsm.emulator.testkit.Await;
import org.slf4j.LoggerFactory;

/**
 * The checksum must never outlive or mismatch the archive file it describes, with Lustre's
 * lhsmtool_posix sharing the archive tree (issue 10, item 3). The stock tool is simulated by what
 * it does to the tree (compat spec §8.1, §8.3): a re-archive writes {@code <data>_tmp}, copies the
 * Lustre file's xattrs onto it and renames it over {@code <data>}; a REMOVE unlinks {@code <data>}
 * and {@code <data>.lov}.
 */
class ChecksumInteropTest {
  private static final Fid FID = Fid.parseLenient("[0x200000401:0x5:0x0]");
  private static final int CHUNK = 1 << 16;

  @TempDir Path tmp;
  private PosixArchiveBackend backend;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void setUp() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("arc"));
    Assumptions.assumeTrue(
        Files.getFileStore(root).supportsFileAttributeView("user"),
        "the temporary directory's filesystem has no user xattrs");
    backend =
        new PosixArchiveBackend(
            new PosixOptions(
                new ArchivePaths(root, ArchiveFormat.V2),
                false,
                false,
                false,
                ChecksumAlgorithm.CRC32C));
    logger = (Logger) LoggerFactory.getLogger("org.lhsm.copytool.posix");
    log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(log);
  }

  private List<String> warnings() {
    return log.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static HsmActionItem item(CopytoolAction kind) {
    return new HsmActionItem(kind, FID, FID, HsmExtent.whole(), 42, 0, null);
  }

  private Path data() {
    return backend.paths().dataPath(FID);
  }

  private static byte[] content(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** jhsmtool archives a Lustre file holding {@code bytes} (with those xattrs). */
  private void archive(byte[] bytes, Map<String, byte[]> xattrs) throws IOException {
    Path lustre = Files.write(tmp.resolve("lustre-" + bytes.length), bytes);
    FakeActionHandle h = new FakeActionHandle(item(CopytoolAction.ARCHIVE), lustre, false);
    h.xattrs = xattrs;
    backend.archive(item(CopytoolAction.ARCHIVE), h, new RecordingControl(CHUNK));
  }

  /** jhsmtool restores into a fresh volatile file; returns its bytes. */
  private byte[] restore() throws IOException {
    Path vol = tmp.resolve("volatile");
    Files.deleteIfExists(vol);
    backend.restore(
        item(CopytoolAction.RESTORE),
        new FakeActionHandle(item(CopytoolAction.RESTORE), vol, true),
        new RecordingControl(CHUNK));
    return Files.readAllBytes(vol);
  }

  /** lhsmtool_posix re-archives: new {@code _tmp}, xattrs copied onto it, renamed over data. */
  private void stockRearchive(byte[] bytes, Map<String, byte[]> copiedXattrs) throws IOException {
    Path stockTmp = ArchivePaths.withSuffix(data(), "_tmp");
    Files.write(stockTmp, bytes);
    for (Map.Entry<String, byte[]> x : copiedXattrs.entrySet()) {
      ExtendedAttributes.set(stockTmp, x.getKey(), x.getValue());
    }
    Files.move(
        stockTmp, data(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Map<String, byte[]> ourRecord() throws IOException {
    return Map.of(
        ChecksumRecord.XATTR, ExtendedAttributes.get(data(), ChecksumRecord.XATTR).orElseThrow());
  }

  @Test
  void aStockRearchiveOfANewVersionIsRestoredWithItsOwnData() throws IOException {
    archive(content(100_000, 1), Map.of());
    byte[] v2 = content(200_000, 2);

    stockRearchive(v2, Map.of());

    assertThat(restore()).isEqualTo(v2);
  }

  @Test
  void aRecordCopiedOntoTheStockRearchiveIsIgnoredWithAWarning() throws IOException {
    archive(content(100_000, 1), Map.of());
    Map<String, byte[]> copied = ourRecord();
    byte[] v2 = content(200_000, 2);

    // the stock tool copies the Lustre file's xattrs: here our record, e.g. imported from the
    // archive onto the Lustre file by another tool
    stockRearchive(v2, copied);

    assertThat(restore()).isEqualTo(v2);
    assertThat(warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("ignoring the checksum record on '" + data() + "'")
                    .contains("written for another file"));
  }

  @Test
  void aRecordCopiedOntoAFileOfTheSameSizeCanNeverMakeItLookCorrupt() throws IOException {
    archive(content(100_000, 1), Map.of());
    Map<String, byte[]> copied = ourRecord();
    byte[] v2 = content(100_000, 2); // same size, other bytes

    stockRearchive(v2, copied);

    assertThat(restore()).isEqualTo(v2);
  }

  @Test
  void ourOwnRecordOnTheLustreFileIsNeverCopiedIntoTheArchive() throws IOException {
    archive(content(100_000, 1), Map.of());
    Map<String, byte[]> fromAnotherArchive = ourRecord();
    byte[] v2 = content(150_000, 3);

    archive(v2, fromAnotherArchive);

    ChecksumRecord stored =
        ChecksumRecord.parse(ExtendedAttributes.get(data(), ChecksumRecord.XATTR).orElseThrow())
            .orElseThrow();
    assertThat(stored.size()).isEqualTo(150_000);
    assertThat(stored.owner().matches(FileIdentity.observe(data()))).isTrue();
    assertThat(restore()).isEqualTo(v2);
  }

  @Test
  void aStockRemoveLeavesNothingBehind() throws IOException {
    archive(content(100_000, 1), Map.of());

    Files.delete(data()); // lhsmtool_posix REMOVE: unlink data and .lov
    Files.deleteIfExists(ArchivePaths.lovPath(data()));

    try (Stream<Path> s = Files.list(data().getParent())) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void corruptedDataWithItsOwnRecordFailsTheRestoreWithEio() throws IOException {
    archive(content(300_000, 1), Map.of());
    try (FileChannel ch = FileChannel.open(data(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xa5}), 4321);
    }

    assertThatThrownBy(this::restore)
        .isInstanceOf(LustreException.class)
        .hasMessageContaining("checksum mismatch for '" + data() + "'")
        .hasMessageContaining("Lustre file left untouched")
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EIO));
  }

  @Test
  void aTruncatedArchiveWithItsOwnRecordFailsWithEioNamingBothSizes() throws IOException {
    archive(content(300_000, 1), Map.of());
    try (FileChannel ch = FileChannel.open(data(), StandardOpenOption.WRITE)) {
      ch.truncate(123_456);
    }

    assertThatThrownBy(this::restore)
        .hasMessageContaining("archive '" + data() + "' has 123456 bytes")
        .hasMessageContaining("says 300000")
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EIO));
  }

  @Test
  void aRecordThatIsNotOursIsIgnoredWithAWarning() throws IOException {
    archive(content(10_000, 1), Map.of());
    ExtendedAttributes.set(
        data(), ChecksumRecord.XATTR, "garbage\0\1".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(restore()).hasSize(10_000);
    assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("not a record this copytool"));
  }

  // ------------------------------------------------------------------ side files of old versions

  /** A {@code .cksum} as earlier versions wrote it, after the data file. */
  private Path legacySideFile(String hex, long size) throws IOException {
    Path side = ArchivePaths.checksumPath(data());
    Files.writeString(side, "crc32c " + hex + " " + size + "\n", StandardCharsets.US_ASCII);
    return side;
  }

  /** Waits until the filesystem's (coarse) clock moved past {@code file}'s ctime. */
  private void awaitCtimeAfter(Path file) throws IOException {
    Instant ctime = ((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant();
    Path probe = tmp.resolve("clock-probe");
    Await.until(
        "a ctime later than " + ctime,
        () -> {
          Files.writeString(probe, "x");
          return ((FileTime) Files.getAttribute(probe, "unix:ctime")).toInstant();
        },
        t -> t.isAfter(ctime));
  }

  /** Archives {@code bytes} and gives it the side file an earlier jhsmtool would have written. */
  private void archivedByAnEarlierVersion(byte[] bytes) throws IOException {
    archive(bytes, Map.of());
    ChecksumRecord r =
        ChecksumRecord.parse(ExtendedAttributes.get(data(), ChecksumRecord.XATTR).orElseThrow())
            .orElseThrow();
    ExtendedAttributes.remove(data(), ChecksumRecord.XATTR);
    legacySideFile(r.hex(), r.size());
  }

  @Test
  void theReportedBugAnOldSideFileOutlivingAStockRearchiveIsIgnored() throws IOException {
    archivedByAnEarlierVersion(content(100_000, 1));
    awaitCtimeAfter(ArchivePaths.checksumPath(data()));
    byte[] v2 = content(200_000, 2);

    stockRearchive(v2, Map.of());

    assertThat(restore()).isEqualTo(v2);
    assertThat(warnings())
        .anySatisfy(w -> assertThat(w).contains("ignoring '" + ArchivePaths.checksumPath(data())));
  }

  @Test
  void anOldSideFileOutlivingAStockRearchiveOfTheSameSizeIsIgnored() throws IOException {
    archivedByAnEarlierVersion(content(100_000, 1));
    awaitCtimeAfter(ArchivePaths.checksumPath(data()));
    byte[] v2 = content(100_000, 2);

    stockRearchive(v2, Map.of());

    assertThat(restore()).isEqualTo(v2);
  }

  @Test
  void anOldSideFileProvablyForThisDataIsStillVerified() throws IOException {
    archive(content(50_000, 1), Map.of());
    ExtendedAttributes.remove(data(), ChecksumRecord.XATTR);
    legacySideFile("0badc0de", 50_000); // written after the data file: it describes it

    assertThatThrownBy(this::restore)
        .hasMessageContaining("checksum file '" + ArchivePaths.checksumPath(data()) + "'")
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EIO));
  }

  @Test
  void oldSideFilesGoWhenWeRewriteOrRemoveTheArchive() throws IOException {
    archivedByAnEarlierVersion(content(10_000, 1));
    archive(content(20_000, 2), Map.of());
    assertThat(ArchivePaths.checksumPath(data())).doesNotExist();

    archivedByAnEarlierVersion(content(10_000, 3));
    backend.remove(item(CopytoolAction.REMOVE));
    backend.afterEnd(item(CopytoolAction.REMOVE), 0, EndOutcome.ACCEPTED);
    try (Stream<Path> s = Files.list(data().getParent())) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aStockRemoveThenOurArchiveDropsTheOldSideFile() throws IOException {
    archivedByAnEarlierVersion(content(10_000, 1));
    Files.delete(data()); // stock REMOVE leaves the .cksum behind

    archive(content(30_000, 2), Map.of());

    assertThat(ArchivePaths.checksumPath(data())).doesNotExist();
    assertThat(restore()).isEqualTo(content(30_000, 2));
  }

  @Test
  void aPartialArchiveDropsTheRecordBeforeWritingAndTheOldSideFile() throws IOException {
    byte[] v1 = content(3 * CHUNK, 1);
    archive(v1, Map.of());
    legacySideFile("00000000", v1.length);
    byte[] v2 = v1.clone();
    v2[CHUNK + 5] ^= 0x7f;
    Path lustre = Files.write(tmp.resolve("lustre-partial"), v2);
    HsmActionItem partial =
        new HsmActionItem(
            CopytoolAction.ARCHIVE, FID, FID, new HsmExtent(CHUNK, CHUNK), 43, 0, null);

    backend.archive(
        partial, new FakeActionHandle(partial, lustre, false), new RecordingControl(CHUNK));

    assertThat(ExtendedAttributes.get(data(), ChecksumRecord.XATTR)).isEmpty();
    assertThat(ArchivePaths.checksumPath(data())).doesNotExist();
    assertThat(restore()).isEqualTo(v2);
  }

  @Test
  void recordsAreBoundToTheFileTheyWereWrittenOn() throws IOException {
    archive(content(1000, 1), Map.of());
    ChecksumRecord r =
        ChecksumRecord.parse(ExtendedAttributes.get(data(), ChecksumRecord.XATTR).orElseThrow())
            .orElseThrow();
    long ino =
        ((Number) Files.getAttribute(data(), "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();

    assertThat(r.owner().inode()).isEqualTo(ino);
    assertThat(r.format())
        .matches("v1 alg=crc32c sum=[0-9a-f]{8} size=1000 ino=\\d+ btime=(\\d+\\.\\d{9}|-)");
    assertThat(ChecksumRecord.parse(r.toXattr())).isEqualTo(Optional.of(r));
  }
}
