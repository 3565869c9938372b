package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * Keeps the copytool's reads and writes inside its archive: a directory on the way to an archive
 * file that is a symbolic link leading out of the HSM root (planted in the tree, or left by a
 * careless migration) is refused with ELOOP instead of followed, as the final component already is
 * ({@code O_NOFOLLOW}). Links that stay inside the root, and a root that is itself a link, are
 * fine. Found by the faults {@code hostile} campaign: a restore read, and an archive wrote, outside
 * the root.
 */
final class ArchiveConfinement {
  private ArchiveConfinement() {}

  /** Checks the directories of {@code file} below {@code root}; those not yet created pass. */
  static void check(Path root, Path file) throws IOException {
    Path rel = root.relativize(file);
    Path dir = root;
    Path realRoot = null;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      dir = dir.resolve(rel.getName(i));
      if (!Files.isSymbolicLink(dir)) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          return; // nothing below it exists either
        }
        continue;
      }
      if (realRoot == null) {
        realRoot = root.toRealPath();
      }
      Path target = Files.exists(dir) ? dir.toRealPath() : null; // null: dangling
      if (target == null || !target.startsWith(realRoot)) {
        throw new LustreException(
            "'"
                + dir
                + "' is a symbolic link to '"
                + Files.readSymbolicLink(dir)
                + "', outside the HSM root '"
                + root
                + "': not followed",
            null,
            Errno.ELOOP,
            null);
      }
    }
  }
}
