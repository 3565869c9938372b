package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.LustreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline operations on an archive tree: rebind, archive-upgrade, max-sequence and removal of stale
 * temporary files. None needs Lustre.
 */
public final class ArchiveMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveMaintenance.class);
  private static final Pattern HEX4 = Pattern.compile("[0-9a-f]{4}");
  private static final Pattern FID_PREFIX =
      Pattern.compile("^(0x[0-9a-fA-F]+|0):0x([0-9a-fA-F]+):0x([0-9a-fA-F]+)");
  private static final String[] SIDE_SUFFIXES = {
    "", ArchivePaths.LOV_SUFFIX, ArchivePaths.CHECKSUM_SUFFIX
  };

  private final ArchivePaths paths;

  public ArchiveMaintenance(ArchivePaths paths) {
    this.paths = paths;
  }

  /** Moves the archived copy of {@code oldFid} to the place of {@code newFid}. */
  public void rebind(Fid oldFid, Fid newFid) throws IOException {
    for (Fid f : new Fid[] {oldFid, newFid}) {
      if (!f.isFileFid()) {
        throw new LustreException("'" + f + "' is not a file FID", null, Errno.EINVAL, null);
      }
    }
    Path from = paths.dataPath(oldFid);
    Path to = paths.dataPath(newFid);
    FileModes.mkdirs(to.getParent());
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      throw new LustreException(
          "cannot rebind '" + from + "' to '" + to + "'", null, Errno.ENOENT, null);
    }
    for (String suffix : new String[] {ArchivePaths.LOV_SUFFIX, ArchivePaths.CHECKSUM_SUFFIX}) {
      Path s = ArchivePaths.withSuffix(from, suffix);
      if (Files.exists(s, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.move(s, ArchivePaths.withSuffix(to, suffix), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          LOG.error("cannot rename '{}': {}", s, e.getMessage());
        }
      }
    }
    LOG.info("rebound '{}' to '{}'", from, to);
  }

  /** Result of a list rebind. */
  public record RebindSummary(int lines, int ok, int failed) {}

  /** Rebinds every {@code <old> <new>} pair of a list file; see compat spec §12.2. */
  public RebindSummary rebindList(Path listFile) throws IOException {
    List<String> lines = Files.readAllLines(listFile);
    int ok = 0;
    int failed = 0;
    int read = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      read++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      try {
        if (f.length != 2) {
          throw new IllegalArgumentException("two FIDs expected");
        }
        rebind(Fid.parseLenient(f[0]), Fid.parseLenient(f[1]));
        ok++;
      } catch (IllegalArgumentException e) {
        LOG.error("{}:{}: two FIDs expected in '{}'", listFile, i + 1, line);
        failed++;
      } catch (IOException e) {
        LOG.error("{}:{}: {}", listFile, i + 1, e.getMessage());
        failed++;
      }
    }
    LOG.info("{} lines read from '{}', {} rebind successful", read, listFile, ok);
    return new RebindSummary(read, ok, failed);
  }

  /**
   * Renames every FID-named file to its place in {@code target} format and removes emptied hash
   * directories. Idempotent; {@code shadow/} and unrelated files are left alone.
   *
   * @return number of files moved
   */
  public int upgrade(ArchiveFormat target) throws IOException {
    return upgradeDir(paths.root(), target, true);
  }

  private int upgradeDir(Path dir, ArchiveFormat target, boolean isRoot) throws IOException {
    int moved = 0;
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(entries::add);
    }
    for (Path e : entries) {
      String name = e.getFileName().toString();
      BasicFileAttributes a =
          Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isDirectory()) {
        if (HEX4.matcher(name).matches()) {
          moved += upgradeDir(e, target, false);
          try {
            Files.delete(e);
          } catch (DirectoryNotEmptyException ignored) {
            // still holds files of the target layout or foreign files
          }
        }
      } else if (a.isRegularFile()) {
        Optional<Fid> fid = fidPrefix(name);
        if (fid.isPresent()) {
          String suffix = name.substring(fid.get().toNoBraceString().length());
          Path dest =
              ArchivePaths.withSuffix(
                  paths.root().resolve(ArchivePaths.relativeDataPath(fid.get(), target)), suffix);
          if (!dest.equals(e)) {
            FileModes.mkdirs(dest.getParent());
            Files.move(e, dest, StandardCopyOption.ATOMIC_MOVE);
            moved++;
          }
        }
      }
    }
    return moved;
  }

  /** The FID a file name starts with, if it is exactly formatted like the tool formats FIDs. */
  static Optional<Fid> fidPrefix(String name) {
    Matcher m = FID_PREFIX.matcher(name);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      Fid f = Fid.parseLenient(m.group());
      // only names the tool itself could have produced
      return name.startsWith(f.toNoBraceString()) ? Optional.of(f) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The stock tool's max-sequence: the largest 4-hex-digit name at each of the first four levels,
   * combined most significant first. Kept for parity; it does not match either layout.
   */
  public long maxSequence() throws IOException {
    long seq = 0;
    Path dir = paths.root();
    for (int level = 0; level < 4; level++) {
      long best = -1;
      Path bestDir = null;
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path e : ds) {
          String n = e.getFileName().toString();
          if (HEX4.matcher(n).matches() && Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
            long v = Long.parseLong(n, 16);
            if (v > best) {
              best = v;
              bestDir = e;
            }
          }
        }
      }
      if (bestDir == null) {
        break;
      }
      seq = (seq << 16) | best;
      dir = bestDir;
    }
    return seq;
  }

  /** A {@code _tmp.lov} without its {@code _tmp} older than this is an orphan. */
  static final Duration ORPHAN_SIDE_AGE = Duration.ofSeconds(60);

  /**
   * Deletes {@code _tmp} leftovers of interrupted archives: at once those of a dead jhsmtool
   * (tagged and unlocked, see {@link TempFiles}) with their {@code _tmp.lov}, any other only when
   * not modified for {@code minAge} (so a copytool sharing the archive and still writing is not
   * disturbed); a {@code _tmp} side file whose {@code _tmp} is gone after {@link #ORPHAN_SIDE_AGE}.
   *
   * @return number of files removed
   */
  public int removeStaleTemporaries(Duration minAge, Instant now) throws IOException {
    Path shadow = paths.shadowRoot();
    int[] removed = {0};
    if (!Files.isDirectory(paths.root())) {
      return 0;
    }
    Files.walkFileTree(
        paths.root(),
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult preVisitDirectory(
              Path d, BasicFileAttributes attrs) {
            return d.equals(shadow)
                ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                : java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            String n = f.getFileName().toString();
            if (!attrs.isRegularFile() || !isTemporaryName(n)) {
              return java.nio.file.FileVisitResult.CONTINUE;
            }
            Instant mtime = attrs.lastModifiedTime().toInstant();
            try {
              if (n.endsWith(ArchivePaths.TMP_SUFFIX)) {
                if (mtime.isBefore(now.minus(minAge))) {
                  removed[0] += delete(f, "stale");
                } else if (TempFiles.abandoned(f)) {
                  // its side files first: the _tmp is what marks them as ours
                  for (String side : SIDE_SUFFIXES) {
                    if (!side.isEmpty()) {
                      removed[0] += delete(ArchivePaths.withSuffix(f, side), "abandoned");
                    }
                  }
                  removed[0] += delete(f, "abandoned");
                }
              } else {
                Path owner = f.resolveSibling(n.substring(0, n.lastIndexOf('.')));
                boolean ownerGone = !Files.exists(owner, LinkOption.NOFOLLOW_LINKS);
                if (mtime.isBefore(now.minus(minAge))
                    || (ownerGone && mtime.isBefore(now.minus(ORPHAN_SIDE_AGE)))
                    || (!ownerGone && TempFiles.abandoned(owner))) {
                  removed[0] += delete(f, "stale");
                }
              }
            } catch (IOException e) {
              LOG.warn("cannot remove stale temporary file '{}': {}", f, e.getMessage());
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
            LOG.warn("cannot inspect '{}': {}", f, e.getMessage());
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    return removed[0];
  }

  private static int delete(Path f, String why) throws IOException {
    if (Files.deleteIfExists(f)) {
      LOG.info("removed {} temporary file '{}'", why, f);
      return 1;
    }
    return 0;
  }

  static boolean isTemporaryName(String name) {
    Optional<Fid> fid = fidPrefix(name);
    if (fid.isEmpty()) {
      return false;
    }
    String suffix = name.substring(fid.get().toNoBraceString().length());
    for (String s : SIDE_SUFFIXES) {
      if (suffix.equals(ArchivePaths.TMP_SUFFIX + s)) {
        return true;
      }
    }
    return false;
  }
}
