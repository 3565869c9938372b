package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.cdt.CoordinatorState.persist;
import static org.lhsm.emulator.codec.Hsm.HSMA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.LinkedHashSet;
import java.util.Set;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.UserRequest;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.log.ActionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request admission ({@code LL_IOC_HSM_REQUEST}): RELEASE executed at once; the other actions
 * checked as the MDT checks them (FIDs, request masks, "needed", compatibility, archive id
 * resolution, restore dedup, cancel targets) and queued as WAITING records.
 */
final class RequestAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);
  private final CoordinatorState s;

  RequestAdmission(CoordinatorState state) {
    this.s = state;
  }

  void request(Peer peer, UserRequest req) throws HsmException {
    if (req.items().isEmpty()) {
      throw new HsmException(Errno.EINVAL, "request without items");
    }
    if (req.action() == Hsm.HUA_RELEASE) {
      release(peer, req);
      return;
    }
    int hsma = Hsm.huaToHsma(req.action());
    if (hsma < 0) {
      throw new HsmException(Errno.EINVAL, "unknown request action " + req.action());
    }
    s.requireStarted();
    Set<Fid> seen = new LinkedHashSet<>();
    boolean restore = false;
    try {
      for (UserRequest.Item i : req.items()) {
        if (!seen.add(i.fid())) {
          continue;
        }
        if (!i.fid().isSane()) {
          throw new HsmException(Errno.EINVAL, "invalid FID " + i.fid());
        }
        restore |= queueItem(peer, req, hsma, i);
      }
    } finally {
      s.signalEvent();
    }
    if (restore && s.tunables().hasPolicy(Tunables.POLICY_NBR)) {
      throw new HsmException(Errno.ENODATA, "restore queued, policy NonBlockingRestore");
    }
  }

  /**
   * RELEASE is the client's business on Lustre, executed here at once. The client takes a write
   * lease (an open for writing by FID), so the request masks do not apply: whoever may write the
   * file may release it, others get the open's EACCES.
   */
  private void release(Peer peer, UserRequest req) throws HsmException {
    EmulatedFs fs = s.fs();
    for (UserRequest.Item i : req.items()) {
      FileRecord f = s.existingFile(i.fid());
      Path p = fs.resolve(i.fid());
      if (!peer.privileged() && !FileAccess.writable(p, peer)) {
        throw new HsmException(
            Errno.EACCES, "release of " + i.fid() + ": not writable by " + peer.user());
      }
      fs.release(f);
    }
    s.signalEvent();
  }

  /** The owner/group/other request mask of the file contains the action (root passes). */
  private boolean allowed(Peer peer, Path file, int hsma) {
    if (peer.privileged()) {
      return true;
    }
    Tunables t = s.tunables();
    long mask;
    try {
      PosixFileAttributes pa =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (pa.owner().getName().equals(peer.user())) {
        mask = t.userMask();
      } else if (pa.group().getName().equals(peer.group())) {
        mask = t.groupMask();
      } else {
        mask = t.otherMask();
      }
    } catch (IOException e) {
      mask = t.otherMask();
    }
    return (mask & (1L << hsma)) != 0;
  }

  /** Checks and records one item; true when a RESTORE was queued (or already pending). */
  private boolean queueItem(Peer peer, UserRequest req, int hsma, UserRequest.Item i)
      throws HsmException {
    if (hsma == HSMA_CANCEL && s.pendingFor(i.fid(), false) == null) {
      // dropped before the file is looked up or the masks consulted (mdt_hsm_register_hal)
      LOG.info("cancel of nothing for {}", i.fid());
      return false;
    }
    EmulatedFs fs = s.fs();
    FileRecord f = fs.find(i.fid());
    Path path = null;
    if (f != null) {
      try {
        path = fs.observePath(f);
      } catch (HsmException e) {
        f = null;
      }
    }
    long now = s.nowSec();
    if (f == null) {
      if ((hsma == HSMA_REMOVE || hsma == HSMA_CANCEL) && peer.privileged()) {
        ActionRecord target = hsma == HSMA_CANCEL ? s.pendingFor(i.fid(), false) : null;
        int archive = req.archiveId();
        if (archive == 0) {
          archive = target != null ? target.archiveId() : (int) s.tunables().defaultArchiveId();
        }
        return addRecord(req, hsma, i, archive, target != null ? target.cookie() : -1, now);
      }
      throw new HsmException(Errno.ENOENT, "no file with FID " + i.fid());
    }
    if (!allowed(peer, path, hsma)) {
      throw new HsmException(
          Errno.EPERM, Hsm.actionName(hsma) + " of " + i.fid() + " not allowed for " + peer.user());
    }
    if (hsma == HSMA_CANCEL) {
      ActionRecord target = s.pendingFor(i.fid(), false);
      if (target == null) {
        LOG.info("cancel of nothing for {}", i.fid());
        return false;
      }
      int archive = req.archiveId() != 0 ? req.archiveId() : target.archiveId();
      return addRecord(req, hsma, i, archive, target.cookie(), now);
    }
    if ((req.flags() & Hsm.HSM_FORCE_ACTION) == 0 && !RequestRules.needed(f, hsma)) {
      return false;
    }
    if (!RequestRules.compatible(f, hsma, req.archiveId())) {
      throw new HsmException(
          Errno.EPERM,
          Hsm.actionName(hsma)
              + " of "
              + i.fid()
              + " incompatible with flags 0x"
              + Integer.toHexString(f.flags()));
    }
    int archive = req.archiveId();
    if (archive == 0) {
      archive = f.archiveId() != 0 ? f.archiveId() : (int) s.tunables().defaultArchiveId();
    }
    if (hsma == HSMA_RESTORE) {
      if (i.offset() != 0) {
        throw new HsmException(Errno.EPROTO, "restore extent must start at 0");
      }
      if (s.pendingFor(i.fid(), true) != null) {
        return true;
      }
    }
    return addRecord(req, hsma, i, archive, -1, now);
  }

  /** Appends a WAITING record; a CANCEL reuses its target's cookie (none: nothing recorded). */
  private boolean addRecord(
      UserRequest req, int hsma, UserRequest.Item i, int archive, long cookie, long now) {
    if (hsma == HSMA_CANCEL && cookie < 0) {
      return false;
    }
    long c = cookie >= 0 ? cookie : s.newCookie();
    ActionItem item =
        new ActionItem(hsma, i.fid(), i.fid(), i.offset(), i.length(), c, 0, req.data());
    persist(() -> s.log().add(archive, req.flags(), now, item));
    return hsma == HSMA_RESTORE;
  }
}
