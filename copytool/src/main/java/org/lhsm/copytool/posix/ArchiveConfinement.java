package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LocalFile;
import org.lhsm.bindings.LocalFile.DirectoryProbe;
import org.lhsm.bindings.LustreException;

/**
 * Keeps the copytool's reads and writes inside its archive: a directory on the way to an archive
 * file that is a symbolic link leading out of the HSM root (planted in the tree, or left by a
 * careless migration) is refused with ELOOP instead of followed, as the final component already is
 * ({@code O_NOFOLLOW}). Links that stay inside the root, and a root that is itself a link, are
 * fine. Found by the faults {@code hostile} campaign: a restore read, and an archive wrote, outside
 * the root.
 *
 * <p>A path of {@value #PROBE_FROM_LEVELS} or more directories that exist is asked about in one
 * call ({@link LocalFile#probeDirectory}: no link anywhere on the way, so none leading out), else
 * with one {@code lstat} per existing directory, none per missing one. Nothing is cached between
 * actions but whether the root's own path has a link (then the probe never answers), on purpose:
 * the links this guards against appear while the copytool runs (a migration, or the hostile
 * campaign's {@code PlantedLinks}, which moves a directory jhsmtool has just archived into out of
 * the root and leaves a link in its place). Only root can write the tree, so the threat is a
 * mistake, not a racing attacker; but a cache of confirmed directories would keep trusting a
 * replaced one until evicted, which turns such a mistake into reads and writes outside the root.
 */
final class ArchiveConfinement {
  /** From this many directory levels on, the probe (open and close) is cheaper than the lstats. */
  static final int PROBE_FROM_LEVELS = 3;

  private enum Kind {
    MISSING,
    DIRECTORY,
    OTHER
  }

  private final Path root;

  /** Whether the root's own path has a link in it; null until a probe met a link. */
  private volatile Boolean rootPathHasLink;

  ArchiveConfinement(Path root) {
    this.root = root;
  }

  /** Checks the directories of {@code file} below the root; those not yet created pass. */
  void check(Path file) throws IOException {
    Path rel = root.relativize(file);
    if (rel.getNameCount() - 1 >= PROBE_FROM_LEVELS && noLinkOnTheWay(file.getParent())) {
      return;
    }
    walk(rel, false);
  }

  /**
   * As {@link #check}, then creates the directories of {@code file} that do not exist yet (mode
   * 0700), from the first missing one down: a {@code mkdir} each, no {@code stat} first.
   *
   * @throws LustreException ENOTDIR when something else than a directory is in the way
   */
  void prepare(Path file) throws IOException {
    walk(root.relativize(file), true);
  }

  private void walk(Path rel, boolean create) throws IOException {
    int levels = rel.getNameCount() - 1;
    Path dir = root;
    boolean creating = false;
    for (int i = 0; i < levels; i++) {
      dir = dir.resolve(rel.getName(i));
      Kind kind = creating ? Kind.MISSING : inspect(dir);
      if (kind == Kind.DIRECTORY
          && i == 0
          && create
          && levels >= PROBE_FROM_LEVELS
          && noLinkOnTheWay(root.resolve(rel).getParent())) {
        // the first level exists (a new file's usually does not): the rest likely too
        return;
      }
      if (kind == Kind.DIRECTORY) {
        continue;
      }
      if (!create) {
        return; // nothing below it exists (or can be reached) either
      }
      if (kind == Kind.MISSING) {
        creating = true;
        // EEXIST: another worker made it meanwhile, or something else is there
        if (LocalFile.mkdir(dir, FileModes.DIR_MODE) || inspect(dir) == Kind.DIRECTORY) {
          continue;
        }
      }
      throw new LustreException("'" + dir + "' is not a directory", null, Errno.ENOTDIR, null);
    }
  }

  /** Whether {@code dir} exists with no link on its path (false: look component by component). */
  private boolean noLinkOnTheWay(Path dir) {
    if (Boolean.TRUE.equals(rootPathHasLink)) {
      return false;
    }
    DirectoryProbe p = LocalFile.probeDirectory(dir);
    if (p == DirectoryProbe.LINK_ON_THE_WAY && rootPathHasLink == null) {
      try {
        rootPathHasLink = !root.toRealPath().equals(root.toAbsolutePath().normalize());
      } catch (IOException e) {
        // the root is gone: the walk finds out, and this is asked again next time
      }
    }
    return p == DirectoryProbe.NO_LINKS;
  }

  /**
   * What {@code dir} is, by one {@code lstat}: a link that stays inside the root counts as a
   * directory, one leading out (or dangling) is refused. Any failure to look is {@code MISSING}:
   * the operation that follows reports it.
   */
  private Kind inspect(Path dir) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Kind.MISSING;
    }
    if (a.isSymbolicLink()) {
      refuseIfLeaving(dir);
      return Kind.DIRECTORY;
    }
    return a.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
  }

  private void refuseIfLeaving(Path link) throws IOException {
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
