package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Permission helpers: the archive's directories are 0700 and its files 0600. */
final class FileModes {
  static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");

  private FileModes() {}

  static FileAttribute<Set<PosixFilePermission>> file0600() {
    return PosixFilePermissions.asFileAttribute(FILE_0600);
  }

  /** {@code mkdir -p} with mode 0700 for the directories created. */
  static void mkdirs(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_0700));
  }
}
