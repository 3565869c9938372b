package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files through libc: every failure with its errno, xattrs and locks on the open file. */
class LocalFileTest {
  @TempDir Path dir;

  @Test
  void aFullDeviceFailsTheWriteWithEnospcNotAnUntypedIoError() throws Exception {
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.isWritable(full), "/dev/full not writable here");
    try (LocalFile f = LocalFile.openReadWrite(full)) {
      assertThatThrownBy(() -> f.channel().write(ByteBuffer.allocateDirect(4096), 0))
          .isInstanceOf(LustreException.class)
          .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOSPC))
          .hasMessageContaining("pwrite(/dev/full)");
    }
  }

  @Test
  void createNewMakesAFileWithTheModeAndRefusesAnExistingOne() throws Exception {
    Path p = dir.resolve("new");
    try (LocalFile f = LocalFile.createNew(p, 0600)) {
      f.channel().write(ByteBuffer.wrap("data".getBytes(StandardCharsets.US_ASCII)), 0);
      f.channel().force(true);
    }
    assertThat(Files.readString(p)).isEqualTo("data");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
        .isEqualTo("rw-------");
    assertThatThrownBy(() -> LocalFile.createNew(p, 0600))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EEXIST));
    assertThatThrownBy(() -> LocalFile.openReadOnly(dir.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aSymbolicLinkIsNeverFollowed() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "t");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertThatThrownBy(() -> LocalFile.openOrCreate(link, 0600))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ELOOP));
    assertThatThrownBy(() -> LocalFile.openReadOnly(link))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ELOOP));
    assertThat(Files.readString(target)).isEqualTo("t");
  }

  @Test
  void xattrsActOnTheOpenFile() throws Exception {
    Path p = Files.writeString(dir.resolve("x"), "x");
    Assumptions.assumeTrue(
        Files.getFileStore(p).supportsFileAttributeView("user"), "no user xattrs here");
    try (LocalFile f = LocalFile.openReadWrite(p)) {
      f.setXattr("user.a", new byte[] {1, 2});
      // renamed away while open: the attributes still go to the same file
      Files.move(p, dir.resolve("y"));
      assertThat(f.xattr("user.a")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
      assertThat(f.removeXattr("user.a")).isTrue();
      assertThat(f.removeXattr("user.a")).isFalse();
      assertThat(f.xattr("user.a")).isEmpty();
    }
  }

  @Test
  void aLockIsHeldUntilClose() throws Exception {
    Path p = Files.writeString(dir.resolve("l"), "l");
    try (LocalFile a = LocalFile.openReadWrite(p)) {
      assertThat(a.tryLock()).isTrue();
      try (LocalFile b = LocalFile.openReadOnly(p)) {
        assertThat(b.tryLock()).as("held by another open file").isFalse();
      }
    }
    try (LocalFile c = LocalFile.openReadOnly(p)) {
      assertThat(c.tryLock()).as("released at close").isTrue();
    }
  }

  @Test
  void mkdirsCreatesMissingParentsWithTheMode() throws Exception {
    Path d = dir.resolve("a/b/c");
    LocalFile.mkdirs(d, 0700);
    LocalFile.mkdirs(d, 0700);
    assertThat(d).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
        .isEqualTo("rwx------");
    Path file = Files.writeString(dir.resolve("file"), "f");
    assertThatThrownBy(() -> LocalFile.mkdirs(file.resolve("sub"), 0700))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.ENOTDIR));
  }

  @Test
  void mkdirMakesOneLevelAndTellsAnExistingName() throws Exception {
    Path d = dir.resolve("one");
    assertThat(LocalFile.mkdir(d, 0700)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
        .isEqualTo("rwx------");
    assertThat(LocalFile.mkdir(d, 0700)).isFalse();
    Path file = Files.writeString(dir.resolve("file"), "f");
    assertThat(LocalFile.mkdir(file, 0700)).as("EEXIST for any kind of file").isFalse();
    assertThatThrownBy(() -> LocalFile.mkdir(dir.resolve("no/such"), 0700))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void unlinkIfExistsRemovesAFileOrALinkAndNeverADirectory() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "f");
    Path target = Files.writeString(dir.resolve("target"), "t");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertThat(LocalFile.unlinkIfExists(f)).isTrue();
    assertThat(f).doesNotExist();
    assertThat(LocalFile.unlinkIfExists(f)).isFalse();
    assertThat(LocalFile.unlinkIfExists(link)).isTrue();
    assertThat(target).hasContent("t");
    Path d = Files.createDirectory(dir.resolve("d"));
    assertThatThrownBy(() -> LocalFile.unlinkIfExists(d))
        .satisfies(e -> assertThat(Errno.of(e)).contains(Errno.EISDIR));
    assertThat(d).isDirectory();
  }

  @Test
  void modeOwnerAndTimesAreSetOnTheOpenFile() throws Exception {
    Path p = Files.writeString(dir.resolve("m"), "m");
    int uid = (Integer) Files.getAttribute(p, "unix:uid");
    int gid = (Integer) Files.getAttribute(p, "unix:gid");
    FileTime atimeBefore = (FileTime) Files.getAttribute(p, "lastAccessTime");
    try (LocalFile f = LocalFile.openReadWrite(p)) {
      Files.move(p, dir.resolve("n"));
      f.setMode(0640);
      f.setOwner(uid, gid);
      f.setTimes(Instant.ofEpochSecond(1_000_000_000L, 123_456_789), null);
    }
    Path n = dir.resolve("n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(n)))
        .isEqualTo("rw-r-----");
    assertThat(Files.getLastModifiedTime(n).toInstant())
        .isEqualTo(Instant.ofEpochSecond(1_000_000_000L, 123_456_789));
    assertThat(Files.getAttribute(n, "lastAccessTime"))
        .as("null: left as it is")
        .isEqualTo(atimeBefore);
    try (LocalFile f = LocalFile.openReadWrite(n)) {
      f.setTimes(Instant.ofEpochSecond(1_600_000_000L), Instant.ofEpochSecond(1_500_000_000L));
    }
    assertThat(Files.getLastModifiedTime(n).toInstant())
        .isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
    assertThat(((FileTime) Files.getAttribute(n, "lastAccessTime")).toInstant())
        .isEqualTo(Instant.ofEpochSecond(1_500_000_000L));
  }

  @Test
  void probeDirectoryTellsALinkOnTheWayFromAPlainPath() throws Exception {
    Path real = dir.toRealPath();
    Path d = Files.createDirectories(real.resolve("a/b/c"));
    LocalFile.DirectoryProbe plain = LocalFile.probeDirectory(d);
    Assumptions.assumeTrue(plain != LocalFile.DirectoryProbe.UNKNOWN, "no openat2 here");
    assertThat(plain).isEqualTo(LocalFile.DirectoryProbe.NO_LINKS);
    Files.createSymbolicLink(real.resolve("link"), real.resolve("a"));
    assertThat(LocalFile.probeDirectory(real.resolve("link/b/c")))
        .isEqualTo(LocalFile.DirectoryProbe.LINK_ON_THE_WAY);
    Files.createSymbolicLink(real.resolve("a/b/last"), Path.of("c"));
    assertThat(LocalFile.probeDirectory(real.resolve("a/b/last")))
        .as("the last component too")
        .isEqualTo(LocalFile.DirectoryProbe.LINK_ON_THE_WAY);
    assertThat(LocalFile.probeDirectory(real.resolve("a/missing/c")))
        .isEqualTo(LocalFile.DirectoryProbe.MISSING);
    Path file = Files.writeString(real.resolve("a/file"), "f");
    assertThat(LocalFile.probeDirectory(file)).isEqualTo(LocalFile.DirectoryProbe.MISSING);
  }
}
