package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LocalFile;
import org.lhsm.bindings.LustreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How archive files keep their checksum and how a restore finds the one to verify.
 *
 * <p>The checksum lives on the archive file itself ({@link ChecksumRecord#XATTR}), set on {@code
 * _tmp} before the rename, bound to that file's {@link FileIdentity}: a rewrite by another tool (a
 * new file renamed over it) drops it with the old file, and a record copied onto another file
 * (lhsmtool_posix copies the Lustre file's xattrs onto its archive) is not that file's, so it is
 * ignored with a warning and never makes a valid archive look corrupt. A record that is the file's
 * own and does not match its bytes fails the restore with EIO.
 *
 * <p>{@code <data>.cksum} side files of earlier versions are trusted only when provably written
 * after the data file took its place (the side file's ctime is not older than the data file's: they
 * were renamed in that order, and any later rewrite or in-place change of the data moves its
 * ctime); otherwise they are ignored with a warning. They are deleted whenever this copytool
 * rewrites, changes or removes the archive.
 */
final class ArchiveChecksums {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveChecksums.class);

  /** What to verify a restore against, and where that came from (for messages). */
  record Expected(ChecksumAlgorithm algorithm, String hex, long size, String source) {}

  private final AtomicBoolean warnedNoXattrs = new AtomicBoolean();
  private final AtomicBoolean warnedNoBirthTimes = new AtomicBoolean();

  /**
   * Stores {@code record} on the open {@code _tmp}. An archive filesystem without user xattrs gets
   * no checksum (warned once); any other failure fails the archive.
   *
   * @return whether the record was stored
   */
  boolean store(LocalFile tmp, ChecksumRecord record) throws IOException {
    if (record.owner().birth().isEmpty() && warnedNoBirthTimes.compareAndSet(false, true)) {
      LOG.warn(
          "no file birth times on the archive filesystem with this JVM ('{}'): checksum records"
              + " are bound to the inode number alone",
          tmp.path().getParent());
    }
    try {
      tmp.setXattr(ChecksumRecord.XATTR, record.toXattr());
      return true;
    } catch (LustreException e) {
      if (e.errno() != Errno.EOPNOTSUPP) {
        throw e;
      }
      warnNoXattrs(tmp.path());
      return false;
    }
  }

  /** Logs once that archives go without checksums on this filesystem. */
  void warnNoXattrs(Path where) {
    if (warnedNoXattrs.compareAndSet(false, true)) {
      LOG.warn(
          "the archive filesystem of '{}' has no user extended attributes: archiving without"
              + " checksums (restores are not verified)",
          where);
    }
  }

  /**
   * Before bytes of {@code data} change in place (a partial archive): its record, which would no
   * longer describe it, and any legacy side file go first.
   */
  void drop(LocalFile data) throws IOException {
    data.removeXattr(ChecksumRecord.XATTR);
    deleteLegacy(data.path());
  }

  /** Deletes the side file of earlier versions, if any. */
  static void deleteLegacy(Path data) throws IOException {
    FileModes.deleteIfExists(ArchivePaths.checksumPath(data));
  }

  /**
   * The checksum a restore of {@code data} (open as {@code file}) must match, if any can be
   * trusted. Everything found and not trusted is logged as a warning naming the file and why.
   */
  Optional<Expected> expected(LocalFile file, Path data) throws IOException {
    Optional<byte[]> value = file.xattr(ChecksumRecord.XATTR);
    if (value.isPresent()) {
      Optional<ChecksumRecord> r = ChecksumRecord.parse(value.get());
      if (r.isEmpty()) {
        LOG.warn(
            "ignoring the checksum record on '{}': not a record this copytool writes ('{}');"
                + " restoring without verification",
            data,
            printable(value.get()));
        return Optional.empty();
      }
      FileIdentity.Observed now = FileIdentity.observe(data);
      if (!r.get().owner().matches(now)) {
        LOG.warn(
            "ignoring the checksum record on '{}': it was written for another file ({}, this one"
                + " is ino={}), so another tool copied it here; restoring without verification",
            data,
            r.get().owner(),
            now.inode());
        return Optional.empty();
      }
      ChecksumRecord c = r.get();
      return Optional.of(
          new Expected(
              c.algorithm(), c.hex(), c.size(), "its checksum record (" + c.format() + ")"));
    }
    return legacy(data);
  }

  private static Optional<Expected> legacy(Path data) throws IOException {
    Path side = ArchivePaths.checksumPath(data);
    String text;
    FileIdentity.Observed sideSeen;
    try {
      sideSeen = FileIdentity.observe(side);
      text = Files.readString(side, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    FileIdentity.Observed dataSeen = FileIdentity.observe(data);
    if (!Files.isRegularFile(side, LinkOption.NOFOLLOW_LINKS)
        || sideSeen.ctime().isBefore(dataSeen.ctime())) {
      LOG.warn(
          "ignoring '{}': older than the archive file it would describe (rewritten since, e.g."
              + " by another copytool); restoring without verification",
          side);
      return Optional.empty();
    }
    String[] f = text.split("\\s+");
    try {
      if (f.length != 3) {
        throw new IllegalArgumentException("expected 3 fields");
      }
      ChecksumAlgorithm alg = ChecksumAlgorithm.parse(f[0]);
      long size = Long.parseLong(f[2]);
      if (alg == ChecksumAlgorithm.NONE || size < 0) {
        throw new IllegalArgumentException("no checksum");
      }
      return Optional.of(new Expected(alg, f[1], size, "checksum file '" + side + "'"));
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring malformed checksum file '{}'; restoring without verification", side);
      return Optional.empty();
    }
  }

  private static String printable(byte[] v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(v.length, 80); i++) {
      int c = v[i] & 0xff;
      b.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    return b.toString();
  }
}
