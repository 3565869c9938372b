package org.lhsm.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
}
