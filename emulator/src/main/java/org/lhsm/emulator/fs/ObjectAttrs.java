package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.HsmException;

/**
 * The attributes of a backing object the model uses (one {@code statx} without following a final
 * symlink): inode and birth time (its identity), type, and the size and times a data version is
 * derived from. {@code birthTimeNs} is the JDK's {@code creationTime}: the real birth time where
 * the JDK reads it with {@code statx} and the filesystem records it, else the mtime (see {@link
 * BirthTimes}).
 */
record ObjectAttrs(
    long ino, long birthTimeNs, boolean regular, long size, long mtimeNs, long ctimeNs) {
  /** Only what the record needs: {@code unix:*} would also look up owner and group names. */
  private static final String WANTED =
      "unix:ino,creationTime,isRegularFile,size,lastModifiedTime,ctime";

  /** Reads the object at {@code p} without following a final symlink. */
  static ObjectAttrs of(Path p) throws HsmException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, WANTED, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new HsmException(Errno.ENOENT, p + " does not exist");
    } catch (IOException e) {
      throw new HsmException(Errno.EIO, p + ": " + e.getMessage());
    }
    return new ObjectAttrs(
        (Long) a.get("ino"),
        ns(a.get("creationTime")),
        Boolean.TRUE.equals(a.get("isRegularFile")),
        (Long) a.get("size"),
        ns(a.get("lastModifiedTime")),
        ns(a.get("ctime")));
  }

  /** The object at {@code p}, or null if it does not exist or cannot be read. */
  static ObjectAttrs orNull(Path p) {
    try {
      return of(p);
    } catch (HsmException e) {
      return null;
    }
  }

  /** Inode number of the object at {@code p}, or -1 if it cannot be read. */
  static long inoOf(Path p) {
    try {
      return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long ns(Object fileTime) {
    return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
  }
}
