package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LocalFile;
import org.lhsm.bindings.LustreException;

/**
 * Keeps the copytool's reads and writes inside its archive: a directory on the way to an archive
 * file that is a symbolic link leading out of the HSM root (planted in the tree, or left by a
 * careless migration) is refused with ELOOP instead of followed, as the final component already is
 * ({@code O_NOFOLLOW}). Links that stay inside the root, and a root that is itself a link, are
 * fine. Found by the faults {@code hostile} campaign: a restore read, and an archive wrote, outside
 * the root.
 *
 * <p>One {@code lstat} per existing directory, none per missing one. Nothing is cached between
 * actions, on purpose: the links this guards against appear while the copytool runs (a migration,
 * or the hostile campaign's {@code PlantedLinks}, which moves a directory jhsmtool has just
 * archived into out of the root and leaves a link in its place). Only root can write the tree, so
 * the threat is a mistake, not a racing attacker; but a cache of confirmed directories would keep
 * trusting a replaced one until evicted, which turns such a mistake into reads and writes outside
 * the root.
 */
final class ArchiveConfinement {
  private ArchiveConfinement() {}

  private enum Kind {
    MISSING,
    DIRECTORY,
    OTHER
  }

  /** Checks the directories of {@code file} below {@code root}; those not yet created pass. */
  static void check(Path root, Path file) throws IOException {
    Path rel = root.relativize(file);
    Path dir = root;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      dir = dir.resolve(rel.getName(i));
      if (inspect(root, dir) != Kind.DIRECTORY) {
        return; // nothing below it exists (or can be reached) either
      }
    }
  }

  /**
   * As {@link #check}, then creates the directories of {@code file} that do not exist yet (mode
   * 0700), from the first missing one down: a {@code mkdir} each, no {@code stat} first.
   *
   * @throws LustreException ENOTDIR when something else than a directory is in the way
   */
  static void prepare(Path root, Path file) throws IOException {
    Path rel = root.relativize(file);
    Path dir = root;
    boolean creating = false;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      dir = dir.resolve(rel.getName(i));
      Kind kind = creating ? Kind.MISSING : inspect(root, dir);
      if (kind == Kind.MISSING) {
        creating = true;
        // EEXIST: another worker made it meanwhile, or something else is there
        if (LocalFile.mkdir(dir, FileModes.DIR_MODE) || inspect(root, dir) == Kind.DIRECTORY) {
          continue;
        }
        kind = Kind.OTHER;
      }
      if (kind == Kind.OTHER) {
        throw new LustreException("'" + dir + "' is not a directory", null, Errno.ENOTDIR, null);
      }
    }
  }

  /**
   * What {@code dir} is, by one {@code lstat}: a link that stays inside the root counts as a
   * directory, one leading out (or dangling) is refused. Any failure to look is {@code MISSING}:
   * the operation that follows reports it.
   */
  private static Kind inspect(Path root, Path dir) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Kind.MISSING;
    }
    if (a.isSymbolicLink()) {
      refuseIfLeaving(root, dir);
      return Kind.DIRECTORY;
    }
    return a.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
  }

  private static void refuseIfLeaving(Path root, Path link) throws IOException {
    Path realRoot = root.toRealPath();
    Path target = Files.exists(link) ? link.toRealPath() : null; // null: dangling
    if (target == null || !target.startsWith(realRoot)) {
      throw new LustreException(
          "'"
              + link
              + "' is a symbolic link to '"
              + Files.readSymbolicLink(link)
              + "', outside the HSM root '"
              + root
              + "': not followed",
          null,
          Errno.ELOOP,
          null);
    }
  }
}
