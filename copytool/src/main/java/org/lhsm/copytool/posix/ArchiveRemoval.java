package org.lhsm.copytool.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.LustreException;
import org.lhsm.copytool.core.EndOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The POSIX backend's REMOVE and what follows its end; see {@link #remove}. */
final class ArchiveRemoval {
  // the backend's logger name: one name for a site's log configuration of the backend
  private static final Logger LOG = LoggerFactory.getLogger(PosixArchiveBackend.class);

  private final ArchivePaths paths;
  private final ArchiveConfinement confinement;

  ArchiveRemoval(ArchivePaths paths, ArchiveConfinement confinement) {
    this.paths = paths;
    this.confinement = confinement;
  }

  /**
   * REMOVE in two steps, so that a copytool killed between deleting and reporting can finish the
   * request when it comes again (deleting first, as lhsmtool_posix does, would make every retry
   * fail with ENOENT): the data file is renamed to {@code <data>_rm} and its side files deleted;
   * once the coordinator accepted the end, {@link #afterEnd} deletes {@code _rm}. A REMOVE that
   * finds no data file but a {@code _rm} finishes that earlier removal; neither is ENOENT, as with
   * the stock tool.
   */
  void remove(HsmActionItem item) throws IOException {
    Path data = paths.dataPath(item.fid());
    Path removing = ArchivePaths.removingPath(data);
    LOG.info("removing file '{}'", data);
    confinement.check(data);
    try {
      Files.move(
          data, removing, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      if (!Files.exists(removing, LinkOption.NOFOLLOW_LINKS)) {
        throw new LustreException("cannot remove '" + data + "'", null, Errno.ENOENT, e);
      }
      LOG.info("finishing the removal of '{}' begun by an earlier attempt", data);
    }
    FileModes.deleteIfExists(ArchivePaths.lovPath(data));
    ArchiveChecksums.deleteLegacy(data);
    FileModes.syncDirectory(data.getParent());
  }

  /**
   * A REMOVE the coordinator accepted deletes its {@code _rm}; a failed one, or one it refused,
   * puts the data file back, since the Lustre file still says archived. A successful one whose end
   * report failed without a clear answer leaves {@code _rm} as it is: the coordinator may have
   * taken it (the Lustre file no longer archived: putting back would leave an archive file no file
   * refers to) or not (then the request comes again and finishes the removal, or a RESTORE puts the
   * file back). Found by coordinator-kill: the daemon killed after taking an end, before answering.
   */
  void afterEnd(HsmActionItem item, int errno, EndOutcome outcome) {
    if (item.action() != CopytoolAction.REMOVE) {
      return;
    }
    Path data = paths.dataPath(item.fid());
    Path removing = ArchivePaths.removingPath(data);
    try {
      confinement.check(data);
      if (errno == 0 && outcome == EndOutcome.ACCEPTED) {
        FileModes.deleteIfExists(removing);
      } else if (errno == 0 && outcome == EndOutcome.UNKNOWN) {
        LOG.warn(
            "the end of the removal of '{}' was not answered: '{}' kept until the request comes"
                + " again (or is done)",
            data,
            removing.getFileName());
      } else if (Files.exists(removing, LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(removing, data, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("removal of '{}' not accepted: archive file put back", data);
      }
    } catch (IOException e) {
      LOG.warn("cannot settle the removal of '{}': {}", data, e.getMessage());
    }
  }
}
