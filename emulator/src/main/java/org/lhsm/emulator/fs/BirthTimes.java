package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this JVM reads real birth times on the backing filesystem. The JDK reports a file's birth
 * time as {@code creationTime} when it reads it with {@code statx} (Linux JDK 22+, and 17/21
 * updates that carry the backport) and the filesystem records it (ext4, xfs, btrfs, tmpfs since
 * Linux 5.x); otherwise {@code creationTime} is the mtime. The probe sets a scratch file's mtime
 * far in the past and checks whether {@code creationTime} followed it.
 */
final class BirthTimes {
  private static final Logger LOG = LoggerFactory.getLogger(BirthTimes.class);
  private static final FileTime PAST = FileTime.fromMillis(1_000_000_000_000L);

  private BirthTimes() {}

  /** Probes with a scratch file in {@code dir} (on the backing filesystem). */
  static boolean available(Path dir) {
    Path probe = null;
    try {
      probe = Files.createTempFile(dir, ".birth-time-probe", "");
      Files.setLastModifiedTime(probe, PAST);
      FileTime birth =
          (FileTime) Files.getAttribute(probe, "unix:creationTime", LinkOption.NOFOLLOW_LINKS);
      boolean real = !birth.equals(PAST);
      if (!real) {
        LOG.warn(
            "no file birth times on {} with this JVM: objects are identified by inode and type only,"
                + " so a new object on a reused inode inherits the old FID (see README)",
            dir);
      }
      return real;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot probe file birth times in {}: {}", dir, e.toString());
      return false;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException e) {
          LOG.debug("cannot delete {}: {}", probe, e.toString());
        }
      }
    }
  }
}
