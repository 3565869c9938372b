package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.lhsm.bindings.LocalFile;

/**
 * Which file a checksum record was written for: its inode number and, where the JVM and the
 * filesystem give it, its birth time. Both stay the same across renames, attribute and timestamp
 * changes; a rewrite by another tool (a new file renamed over the old one), a copy (rsync, an xattr
 * copied onto another file) or an inode number reused after a delete gives another identity. The
 * device number is left out on purpose: it may change when the archive filesystem is mounted
 * elsewhere, and the birth time already tells reused inodes apart.
 *
 * @param inode {@code st_ino}
 * @param birth {@code stx_btime}; empty where the JVM reads no birth times (then only the inode
 *     counts)
 */
public record FileIdentity(long inode, Optional<Instant> birth) {

  private static final FileTime PROBE_TIME = FileTime.from(Instant.ofEpochSecond(1_000_000_000L));

  /**
   * The identity of a file this copytool has just created. The JDK reports the birth time as {@code
   * creationTime} when it reads it with statx and the filesystem keeps it, else it reports the
   * mtime: setting the mtime far into the past tells them apart (the caller writes the data and the
   * real times afterwards).
   */
  static FileIdentity ofNewFile(LocalFile file) throws IOException {
    file.setTimes(PROBE_TIME.toInstant(), null);
    Map<String, Object> a =
        Files.readAttributes(file.path(), "unix:ino,creationTime", LinkOption.NOFOLLOW_LINKS);
    FileTime created = (FileTime) a.get("creationTime");
    Optional<Instant> birth =
        created.equals(PROBE_TIME) ? Optional.empty() : Optional.of(created.toInstant());
    return new FileIdentity(((Number) a.get("ino")).longValue(), birth);
  }

  /** The inode and {@code creationTime} of an existing file, to compare with a record's. */
  static Observed observe(Path file) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(file, "unix:ino,creationTime,ctime", LinkOption.NOFOLLOW_LINKS);
    return new Observed(
        ((Number) a.get("ino")).longValue(),
        ((FileTime) a.get("creationTime")).toInstant(),
        ((FileTime) a.get("ctime")).toInstant());
  }

  /** What a file shows now: inode, {@code creationTime} (maybe the mtime), ctime. */
  record Observed(long inode, Instant creationTime, Instant ctime) {}

  /** Whether {@code path} still names the file of this identity (same inode). */
  boolean isStill(Path path) throws IOException {
    try {
      return matches(observe(path));
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /** Whether this identity is the file observed (the birth time only counts when recorded). */
  boolean matches(Observed o) {
    return inode == o.inode() && birth.map(b -> b.equals(o.creationTime())).orElse(true);
  }

  /** {@code ino=<n> btime=<sec>.<nanos>} or {@code btime=-}. */
  String format() {
    return "ino="
        + inode
        + " btime="
        + birth.map(b -> b.getEpochSecond() + "." + String.format("%09d", b.getNano())).orElse("-");
  }

  @Override
  public String toString() {
    return format();
  }
}
