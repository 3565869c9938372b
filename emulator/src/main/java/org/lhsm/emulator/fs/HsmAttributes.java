package org.lhsm.emulator.fs;

import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_DIRTY;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_LOST;
import static org.lhsm.emulator.codec.Hsm.HS_RELEASED;

import java.nio.file.Path;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file's HSM attributes and data version: observation of changes (the data version and DIRTY),
 * the coordinator's updates, the MDT rules of {@code hsm_state_set}, and {@code data_version_set}.
 */
final class HsmAttributes {
  private static final Logger LOG = LoggerFactory.getLogger(HsmAttributes.class);
  private final Namespace ns;
  private final FidTable table;

  HsmAttributes(Namespace ns, FidTable table) {
    this.ns = ns;
    this.table = table;
  }

  /**
   * Re-reads size, mtime and ctime; a change bumps the data version and, as a write would on
   * Lustre, sets DIRTY on a file that has an archive copy and is neither dirty nor released.
   */
  FileRecord observe(FileRecord r) throws HsmException {
    observeAt(r);
    return r;
  }

  /** {@link #observe}, returning where the object was found (one {@code statx}). */
  Path observeAt(FileRecord r) throws HsmException {
    Namespace.Located l = ns.locate(r.fid());
    ObjectAttrs a = l.attrs();
    if (r.has(HS_RELEASED) && a.size() == r.size()) {
      if (a.mtimeNs() != r.mtimeNs() || a.ctimeNs() != r.ctimeNs()) {
        // a released file has no data to change: new times with the same size are metadata
        // (touch, chmod, rename, or the data dropped by a release the daemon was killed in
        // before it set the times back), not a write
        r.setBaseline(a.size(), a.mtimeNs(), a.ctimeNs());
        table.save(r);
      }
      return l.path();
    }
    if (a.size() != r.size() || a.mtimeNs() != r.mtimeNs() || a.ctimeNs() != r.ctimeNs()) {
      r.setBaseline(a.size(), a.mtimeNs(), a.ctimeNs());
      r.setDataVersion(r.dataVersion() + 1);
      if (r.has(HS_EXISTS) && !r.has(HS_DIRTY) && !r.has(HS_RELEASED)) {
        r.setFlags(r.flags() | HS_DIRTY);
        LOG.info("{} modified after archive: dirty", r.fid());
      }
      table.save(r);
    }
    return l.path();
  }

  /** Accepts the current attributes as the baseline after a change made by the daemon. */
  void rebaseline(FileRecord r, Path p) throws HsmException {
    ObjectAttrs a = ObjectAttrs.of(p);
    r.setBaseline(a.size(), a.mtimeNs(), a.ctimeNs());
  }

  /** Sets flags, archive id and archive version as the coordinator decided, then persists. */
  void update(FileRecord r, int flags, int archiveId, long archiveVersion) {
    r.setFlags(flags);
    r.setArchiveId(archiveId);
    r.setArchiveVersion(archiveVersion);
    table.save(r);
  }

  /** {@code llapi_hsm_state_set} rules of the MDT. */
  void stateSet(FileRecord r, long set, long clear, int archiveId, boolean privileged)
      throws HsmException {
    if (((set | clear) & ~(long) Hsm.HSM_FLAGS_MASK) != 0) {
      throw new HsmException(Errno.EINVAL, "flags outside HSM_FLAGS_MASK");
    }
    if (!privileged && ((set | clear) & ~(long) Hsm.HSM_USER_MASK) != 0) {
      throw new HsmException(Errno.EPERM, "only root may change non-user HSM flags");
    }
    int f = (int) ((r.flags() | set) & ~clear);
    if (archiveId != 0 && (f & HS_EXISTS) == 0) {
      LOG.info("state_set on {} with archive id but without EXISTS: ignored", r.fid());
      return;
    }
    boolean bad =
        ((f & HS_DIRTY) != 0 && (f & HS_EXISTS) == 0)
            || ((f & HS_RELEASED) != 0 && (f & HS_DIRTY) != 0)
            || ((f & HS_RELEASED) != 0 && (f & HS_ARCHIVED) == 0)
            || ((f & HS_LOST) != 0 && (f & HS_ARCHIVED) == 0);
    if (bad) {
      throw new HsmException(Errno.EINVAL, "inconsistent HSM flags 0x" + Integer.toHexString(f));
    }
    r.setFlags(f);
    if (archiveId != 0) {
      r.setArchiveId(archiveId);
    }
    table.save(r);
  }

  /** Stores a data version as the archive version (2.16 {@code data_version_set}). */
  void setArchiveVersion(FileRecord r, long dv) throws HsmException {
    if (dv == 0) {
      throw new HsmException(Errno.EINVAL, "data version 0");
    }
    r.setArchiveVersion(dv);
    table.save(r);
  }
}
