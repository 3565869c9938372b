package org.lhsm.emulator.cdt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/** The permission bits a non-root peer is judged by: owner, else group, else other. */
public final class FileAccess {
  private FileAccess() {}

  /** Whether {@code peer} may open {@code p} for writing (root is not special here). */
  public static boolean writable(Path p, Peer peer) {
    try {
      PosixFileAttributes pa =
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (pa.owner().getName().equals(peer.user())) {
        return pa.permissions().contains(PosixFilePermission.OWNER_WRITE);
      }
      if (pa.group().getName().equals(peer.group())) {
        return pa.permissions().contains(PosixFilePermission.GROUP_WRITE);
      }
      return pa.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException e) {
      return false;
    }
  }
}
