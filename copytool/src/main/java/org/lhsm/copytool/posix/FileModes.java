package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LocalFile;
import org.lhsm.bindings.LustreException;

/** Permission helpers: the archive's directories are 0700 and its files 0600. */
final class FileModes {
  static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");

  /** 0700 and 0600 as mode bits, for files and directories created through libc. */
  static final int DIR_MODE = 0700;

  static final int FILE_MODE = 0600;

  private FileModes() {}

  static FileAttribute<Set<PosixFilePermission>> file0600() {
    return PosixFilePermissions.asFileAttribute(FILE_0600);
  }

  /** Makes a rename in {@code dir} durable (best effort: not every file system allows it). */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // directories cannot be opened for fsync everywhere; the data file itself is synced
    }
  }

  /**
   * {@link Files#deleteIfExists} in one {@code unlink} for the usual case (the JDK stats first): a
   * directory of that name still goes the JDK's way (an empty one is removed).
   */
  static boolean deleteIfExists(Path p) throws IOException {
    try {
      return LocalFile.unlinkIfExists(p);
    } catch (LustreException e) {
      if (e.errno() != Errno.EISDIR) {
        throw e;
      }
      return Files.deleteIfExists(p);
    }
  }

  /** {@code mkdir -p} with mode 0700 for the directories created. */
  static void mkdirs(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_0700));
  }
}
