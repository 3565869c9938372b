package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.lhsm.bindings.ActionCanceledException;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.LocalFile;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.ActionHandle;
import org.lhsm.copytool.core.ArchiveBackend;
import org.lhsm.copytool.core.CopyControl;
import org.lhsm.copytool.core.EndOutcome;
import org.lhsm.copytool.core.FaultPoints;
import org.lhsm.copytool.core.SourceAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lhsmtool_posix-compatible archive on a POSIX file system. Whole-file archives are written to
 * {@code <data>_tmp} (through libc, so a full disk fails with ENOSPC), fsync'd, given the file's
 * attributes and its checksum record ({@link ArchiveChecksums}), then renamed over {@code <data>}
 * (after the {@code .lov} side file), so a reader never sees a half-written archive. Restores write
 * only to the volatile file and are verified against the archive file's own checksum record before
 * success is reported, so a corrupt archive never replaces the Lustre file's data.
 */
public final class PosixArchiveBackend implements ArchiveBackend {
  private static final Logger LOG = LoggerFactory.getLogger(PosixArchiveBackend.class);

  /** The extended attribute of an archive file holding its checksum record. */
  public static final String CHECKSUM_XATTR = "user.jhsmtool.checksum";

  private final PosixOptions options;
  private final ArchivePaths paths;
  private final ArchiveChecksums checksums = new ArchiveChecksums();
  private final ArchiveConfinement confinement;
  private final ArchiveRemoval removal;

  public PosixArchiveBackend(PosixOptions options) {
    this.options = options;
    this.paths = options.paths();
    this.confinement = new ArchiveConfinement(paths.root());
    this.removal = new ArchiveRemoval(paths, confinement);
  }

  public ArchivePaths paths() {
    return paths;
  }

  @Override
  public void archive(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    Fid fid = item.fid();
    Path data = paths.dataPath(fid);
    long offset = item.extent().offset();
    boolean whole = item.extent().length() == HsmExtent.EOF;
    Path dst = whole ? paths.tmpPath(fid) : data;
    String srcName = handle.dataDescription();
    LOG.info("archiving '{}' to '{}'", srcName, dst);
    confinement.prepare(dst);
    Path dstLov = ArchivePaths.lovPath(dst);
    boolean created = false;
    FileIdentity[] ours = {null};
    try (FileChannel src = handle.openDataChannel()) {
      long size = src.size();
      if (offset > size) {
        throw new LustreException(
            "archive offset " + offset + " beyond end of '" + srcName + "' (" + size + ")",
            null,
            Errno.EINVAL,
            null);
      }
      long length = whole ? size - offset : Math.min(item.extent().length(), size - offset);
      created = true;
      try (LocalFile out =
          whole ? createTmp(dst, dstLov, fid) : LocalFile.openOrCreate(dst, FileModes.FILE_MODE)) {
        FileIdentity identity = null;
        if (whole) {
          identity = FileIdentity.ofNewFile(out);
          ours[0] = identity;
          TempFiles.claim(out, checksums);
        } else {
          // the bytes change in place: the record stops describing them before the first write
          checksums.drop(out);
        }
        boolean layoutSaved = saveLayout(handle, dstLov);
        ChecksumAlgorithm.Accumulator sum =
            whole && offset == 0 ? options.checksum().newAccumulator() : null;
        LOG.info("start copy of {} bytes from '{}' to '{}'", length, srcName, dst);
        long t0 = System.nanoTime();
        long copied;
        FileChannel dstChannel = out.channel();
        try (BackgroundFlush flush = BackgroundFlush.of(dstChannel)) {
          copied =
              DataMover.copy(
                  src,
                  dstChannel,
                  offset,
                  length,
                  whole,
                  sum,
                  flush,
                  faultAware(control, CopytoolAction.ARCHIVE, fid));
        }
        control.checkCanceled();
        FaultPoints.reached("fsync", CopytoolAction.ARCHIVE, fid);
        dstChannel.force(true);
        LOG.info(
            "copied {} bytes in {} seconds",
            length,
            String.format(Locale.ROOT, "%.6f", (System.nanoTime() - t0) / 1e9));
        if (!options.noAttr()) {
          copyAttributes(handle.sourceAttributes(), out);
        }
        if (!options.noXattr()) {
          ArchiveXattrs.copy(handle.sourceXattrs(), out);
        }
        if (sum != null) {
          checksums.store(out, new ChecksumRecord(options.checksum(), sum.hex(), copied, identity));
        }
        control.checkCanceled();
        if (whole) {
          FaultPoints.reached("rename", CopytoolAction.ARCHIVE, fid);
          if (!identity.isStill(dst)) {
            throw new LustreException(
                "'" + dst + "' was replaced by another archive of " + fid + " while written",
                null,
                Errno.EBUSY,
                null);
          }
          // the layout first: a crash between the two leaves the old data with the new layout
          // (a placement hint), never new data without its layout
          if (layoutSaved) {
            moveSide(dstLov, ArchivePaths.lovPath(data));
          }
          Files.move(
              dst, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          TempFiles.release(out);
          ArchiveChecksums.deleteLegacy(data);
          // an older copy whose removal was interrupted: this archive supersedes it
          FileModes.deleteIfExists(ArchivePaths.removingPath(data));
          FaultPoints.reached("dirsync", CopytoolAction.ARCHIVE, fid);
          FileModes.syncDirectory(data.getParent());
        }
      }
    } catch (IOException | RuntimeException e) {
      if (created && whole) {
        discardOwn(ours[0], dstLov, dst);
      }
      throw e;
    }
    if (!options.noShadow()) {
      updateShadow(handle, fid);
    }
  }

  /**
   * Creates the {@code _tmp} of a whole-file archive as a fresh inode, so that nothing of an
   * earlier attempt (xattrs, a checksum record, a layout) carries over. Creating comes first, and
   * only a name already taken is looked at: left by an earlier attempt, or being written by another
   * archive of the file (duplicate records), whose files are never touched.
   */
  private static LocalFile createTmp(Path tmp, Path tmpLov, Fid fid) throws IOException {
    LocalFile out;
    try {
      out = LocalFile.createNew(tmp, FileModes.FILE_MODE);
    } catch (LustreException e) {
      if (e.errno() != Errno.EEXIST) {
        throw e;
      }
      if (TempFiles.heldByLiveWriter(tmp)) {
        throw new LustreException(
            "'" + tmp + "' is being written by another archive of " + fid, null, Errno.EBUSY, null);
      }
      FileModes.deleteIfExists(tmpLov);
      FileModes.deleteIfExists(tmp);
      return LocalFile.createNew(tmp, FileModes.FILE_MODE);
    }
    try {
      FileModes.deleteIfExists(tmpLov);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  /** Pauses at the {@code copy} fault point after the first chunk (test campaigns only). */
  private static CopyControl faultAware(CopyControl control, CopytoolAction action, Fid fid) {
    return new CopyControl() {
      private boolean first = true;

      @Override
      public int chunkSize() {
        return control.chunkSize();
      }

      @Override
      public ByteBuffer buffer(long bytes) {
        // the worker's own buffer: the interface's default would allocate one per copy
        return control.buffer(bytes);
      }

      @Override
      public void started(long offset, long total) throws IOException {
        control.started(offset, total);
      }

      @Override
      public void beforeChunk(long bytes) throws IOException {
        control.beforeChunk(bytes);
      }

      @Override
      public void chunkDone(long bytes) throws IOException {
        control.chunkDone(bytes);
        if (first) {
          first = false;
          FaultPoints.reached("copy", action, fid);
        }
      }

      @Override
      public void checkCanceled() throws ActionCanceledException {
        control.checkCanceled();
      }
    };
  }

  /**
   * Removes the temporary files of a failed whole-file archive (the old copy stays), unless the
   * {@code _tmp} is no longer ours (another archive of the file took the name over).
   */
  private static void discardOwn(FileIdentity ours, Path lov, Path tmp) {
    try {
      if (ours == null || (!ours.isStill(tmp) && Files.exists(tmp))) {
        return; // not created by us, or no longer ours
      }
    } catch (IOException e) {
      LOG.warn("cannot check '{}': {}", tmp, e.getMessage());
      return;
    }
    for (Path p : new Path[] {lov, tmp}) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.warn("cannot remove partial archive file '{}': {}", p, e.getMessage());
      }
    }
  }

  /** Whether the layout file was written (the file has a layout and writing it worked). */
  private boolean saveLayout(ActionHandle handle, Path lovFile) {
    try {
      Optional<byte[]> lov = handle.sourceLayout();
      if (lov.isPresent()) {
        Files.write(
            lovFile,
            LayoutFile.forArchive(lov.get()),
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
        Files.getFileAttributeView(lovFile, PosixFileAttributeView.class)
            .setPermissions(FileModes.FILE_0600);
        return true;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot save file striping info of '{}': {}", lovFile, e.getMessage());
    }
    return false;
  }

  private static void moveSide(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      // no side file to move
    } catch (IOException e) {
      LOG.error("cannot rename '{}' to '{}': {}", from, to, e.getMessage());
    }
  }

  /** Mode, then owner (which clears set-id bits as a chown does), then times, on the open file. */
  static void copyAttributes(SourceAttributes a, LocalFile dst) throws IOException {
    dst.setMode(a.mode() & 07777);
    try {
      dst.setOwner(a.uid(), a.gid());
    } catch (LustreException e) {
      throw new LustreException("cannot chown '" + dst.path() + "'", null, e.errno(), e);
    }
    // whole seconds, as the stock tool stores them
    dst.setTimes(Instant.ofEpochSecond(a.mtimeSec()), Instant.ofEpochSecond(a.atimeSec()));
  }

  private void updateShadow(ActionHandle handle, Fid fid) {
    Optional<String> rel = handle.relativePath();
    if (rel.isEmpty()) {
      LOG.warn("no path known for {}: shadow link not updated", fid);
      return;
    }
    try {
      confinement.prepare(ShadowTree.linkPath(paths.shadowRoot(), rel.get()));
      ShadowTree.update(paths.shadowRoot(), rel.get(), paths.relativeDataPath(fid));
    } catch (IOException | RuntimeException e) {
      // the data is safely archived; a browsing aid must not turn that into a failure
      LOG.warn("cannot update shadow link for '{}': {}", rel.get(), e.getMessage());
    }
  }

  @Override
  public Optional<byte[]> restoreLayout(HsmActionItem item) {
    Path lov = ArchivePaths.lovPath(paths.dataPath(item.fid()));
    Path data = paths.dataPath(item.fid());
    try {
      confinement.check(lov);
      // O_NOFOLLOW: a link is refused (ELOOP); absent is ENOENT, as a stat first would tell
      try (LocalFile f = LocalFile.openReadOnly(lov)) {
        long size = f.channel().size();
        if (size > LayoutFile.MAX_SIZE) {
          throw new LustreException("layout file too large", null, Errno.EFBIG, null);
        }
        LOG.info("reading stripe rules from '{}' for '{}'", lov, data);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && f.channel().read(b, b.position()) >= 0) {
          // until the size read above, or an earlier end
        }
        return Optional.of(Arrays.copyOf(b.array(), b.position()));
      }
    } catch (IOException e) {
      LOG.warn(
          "cannot get stripe rules for '{}' ({}), use default",
          data,
          Errno.strerror(Errno.numberOf(e, Errno.EIO)));
      return Optional.empty();
    }
  }

  @Override
  public void restore(HsmActionItem item, ActionHandle handle, CopyControl control)
      throws IOException {
    Path data = paths.dataPath(item.fid());
    String volatileName = "{VOLATILE}=" + handle.dataFid();
    LOG.info("restoring data from '{}' to '{}'", data, volatileName);
    confinement.check(data);
    try (LocalFile archive = openArchived(data);
        FileChannel dst = handle.openDataChannel()) {
      FileChannel src = archive.channel();
      Optional<ArchiveChecksums.Expected> expected = checksums.expected(archive, data);
      long size = src.size();
      if (expected.isPresent() && expected.get().size() != size) {
        throw new LustreException(
            "archive '"
                + data
                + "' has "
                + size
                + " bytes, "
                + expected.get().source()
                + " says "
                + expected.get().size()
                + "; Lustre file left untouched",
            null,
            Errno.EIO,
            null);
      }
      long before = dst.size();
      ChecksumAlgorithm.Accumulator sum =
          expected.map(r -> r.algorithm().newAccumulator()).orElse(null);
      LOG.info("start copy of {} bytes from '{}' to '{}'", size, data, volatileName);
      long t0 = System.nanoTime();
      long copied;
      try (BackgroundFlush flush = BackgroundFlush.of(dst)) {
        copied =
            DataMover.copy(
                src,
                dst,
                0,
                size,
                before == 0,
                sum,
                flush,
                faultAware(control, CopytoolAction.RESTORE, item.fid()));
      }
      control.checkCanceled();
      if (copied != size) {
        throw new LustreException(
            "archive '" + data + "' ended after " + copied + " of " + size + " bytes",
            null,
            Errno.EIO,
            null);
      }
      if (sum != null && !sum.hex().equals(expected.get().hex())) {
        throw new LustreException(
            "checksum mismatch for '"
                + data
                + "': "
                + expected.get().source()
                + " expects "
                + expected.get().hex()
                + ", the data gives "
                + sum.hex()
                + "; Lustre file left untouched",
            null,
            Errno.EIO,
            null);
      }
      if (size < before) {
        dst.truncate(size);
      }
      LOG.info(
          "copied {} bytes in {} seconds",
          size,
          String.format(Locale.ROOT, "%.6f", (System.nanoTime() - t0) / 1e9));
      LOG.info("data restore from '{}' to '{}' done", data, volatileName);
    }
  }

  /**
   * Opens the data file to restore from. A RESTORE is only sent for a file the coordinator still
   * has archived: a {@code _rm} without its data file is a removal that was never accepted, and its
   * file goes back into use (looked for only when the data file is missing).
   */
  private static LocalFile openArchived(Path data) throws IOException {
    try {
      return LocalFile.openReadOnly(data);
    } catch (NoSuchFileException e) {
      Path removing = ArchivePaths.removingPath(data);
      if (!Files.exists(removing, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      try {
        Files.move(removing, data, StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("'{}' was being removed by an interrupted REMOVE never accepted: put back", data);
      } catch (NoSuchFileException | java.nio.file.FileAlreadyExistsException raced) {
        LOG.debug("put back of '{}' raced: {}", data, raced.toString());
      }
      return LocalFile.openReadOnly(data);
    }
  }

  /**
   * REMOVE in two steps, so that a retry after a kill can finish it: see {@link ArchiveRemoval}.
   */
  @Override
  public void remove(HsmActionItem item) throws IOException {
    removal.remove(item);
  }

  /** Settles a REMOVE by its end's outcome: see {@link ArchiveRemoval#afterEnd}. */
  @Override
  public void afterEnd(HsmActionItem item, int errno, EndOutcome outcome) {
    removal.afterEnd(item, errno, outcome);
  }
}
