package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LocalFile;
import org.lhsm.bindings.LustreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is writing a {@code _tmp} file. jhsmtool tags each {@code _tmp} it creates with {@link #TAG}
 * and holds an {@code flock} on it until the file has its final name; the kernel drops the lock
 * when the process dies (kill -9 included). So a tagged {@code _tmp} that nobody holds locked
 * belongs to a dead jhsmtool and can go at once, while a locked one is being written. Untagged
 * {@code _tmp} files (lhsmtool_posix's, or an archive filesystem without user xattrs) are only
 * removed by age, as a live writer cannot be told from a dead one.
 */
final class TempFiles {
  private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

  /** The extended attribute marking a {@code _tmp} as written under an flock. */
  static final String TAG = "user.jhsmtool.writer";

  private TempFiles() {}

  /** Locks the fresh {@code _tmp} and tags it; an archive filesystem without xattrs gets no tag. */
  static void claim(LocalFile tmp, ArchiveChecksums checksums) throws IOException {
    if (!tmp.tryLock()) {
      throw new LustreException(
          "'" + tmp.path() + "' is being written by another copytool", null, Errno.EBUSY, null);
    }
    try {
      tmp.setXattr(
          TAG,
          ("pid=" + ProcessHandle.current().pid() + " since=" + Instant.now())
              .getBytes(StandardCharsets.US_ASCII));
    } catch (LustreException e) {
      if (e.errno() != Errno.EOPNOTSUPP) {
        throw e;
      }
      checksums.warnNoXattrs(tmp.path());
    }
  }

  /** Takes the tag off the file once it has its final name (best effort: harmless if left). */
  static void release(LocalFile file) {
    try {
      file.removeXattr(TAG);
    } catch (IOException e) {
      LOG.debug("cannot remove {} from '{}': {}", TAG, file.path(), e.toString());
    }
  }

  /** Whether some open file holds {@code tmp}'s lock: a live jhsmtool is writing it. */
  static boolean heldByLiveWriter(Path tmp) throws IOException {
    if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (LocalFile f = LocalFile.openReadOnly(tmp)) {
      return !f.tryLock();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Whether {@code tmp} is tagged and no live process holds its lock: its writer died. */
  static boolean abandoned(Path tmp) throws IOException {
    if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (LocalFile f = LocalFile.openReadOnly(tmp)) {
      return f.xattr(TAG).isPresent() && f.tryLock();
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
