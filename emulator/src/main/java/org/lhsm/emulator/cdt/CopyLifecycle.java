package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.cdt.CoordinatorState.persist;
import static org.lhsm.emulator.codec.Hsm.HP_FLAG_COMPLETED;
import static org.lhsm.emulator.codec.Hsm.HP_FLAG_RETRY;
import static org.lhsm.emulator.codec.Hsm.HSMA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_DIRTY;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_LOST;

import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.CurrentAction;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmCopy;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.Progress;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy lifecycle seen from the copytool: COPY_START (data version sample, the path to open, the
 * restore's volatile FID), progress (keep-alive, done bytes, cancel notice), COPY_END with the
 * client's data-version guard, and completion: record status, the file's HSM attributes, the
 * restore swap, agent counters. Also answers {@code hsm_current_action}.
 */
final class CopyLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(CopyLifecycle.class);
  private final CoordinatorState s;

  CopyLifecycle(CoordinatorState state) {
    this.s = state;
  }

  private ActiveRequest activeFor(long cookie) throws HsmException {
    s.requireStarted();
    ActiveRequest ar = s.active().get(cookie);
    if (ar == null) {
      throw new HsmException(
          Errno.ENOENT, "cannot find running request for cookie 0x" + Long.toHexString(cookie));
    }
    return ar;
  }

  /** {@code LL_IOC_HSM_COPY_START}. */
  CopyStart copyStart(HsmCopy c) throws HsmException {
    EmulatedFs fs = s.fs();
    ActionItem item = c.item();
    ActiveRequest ar = activeFor(item.cookie());
    long dv = 0;
    String path = "";
    if (ar.action() == HSMA_ARCHIVE) {
      try {
        FileRecord f = s.knownFile(ar.fid());
        path = fs.observePath(f).toString();
        dv = f.dataVersion();
      } catch (HsmException e) {
        progress(
            ar.fid(),
            item.cookie(),
            item.offset(),
            0,
            HP_FLAG_COMPLETED | HP_FLAG_RETRY,
            e.errno(),
            0);
        throw e;
      }
    }
    if (ar.action() == HSMA_RESTORE
        && !item.dfid().isZero()
        && !item.dfid().equals(ar.fid())
        && ar.dfid().equals(ar.fid())) {
      learnDfid(ar, item.dfid());
    }
    progress(ar.fid(), item.cookie(), item.offset(), 0, 0, 0, 0);
    if (ar.action() == HSMA_ARCHIVE) {
      ar.setCopyStartVersion(dv);
    } else if (ar.action() == HSMA_RESTORE
        && fs.find(ar.dfid()) != null
        && !ar.dfid().equals(ar.fid())) {
      path = fs.pathOf(fs.find(ar.dfid())).toString();
    } else if (fs.find(ar.fid()) != null) {
      try {
        path = fs.resolve(ar.fid()).toString();
      } catch (HsmException e) {
        path = "";
      }
    }
    return new CopyStart(dv, path);
  }

  /** {@code LL_IOC_HSM_PROGRESS}. */
  void progress(Progress p) throws HsmException {
    progress(p.fid(), p.cookie(), p.offset(), p.length(), p.flags(), p.errval(), 0);
  }

  /** {@code LL_IOC_HSM_COPY_END}: the data-version guard of the client kernel, then completion. */
  void copyEnd(HsmCopy c) throws HsmException {
    ActionItem item = c.item();
    ActiveRequest ar = activeFor(item.cookie());
    int flags = c.flags() | HP_FLAG_COMPLETED;
    int errval = c.errval();
    long dv = 0;
    boolean busy = false;
    boolean seen = false;
    if (errval == 0 && ar.action() == HSMA_ARCHIVE) {
      try {
        dv = s.fs().observe(s.knownFile(ar.fid())).dataVersion();
        seen = true;
        if (ar.copyStartVersion() >= 0 && dv != ar.copyStartVersion()) {
          errval = Errno.EBUSY;
          flags &= ~HP_FLAG_RETRY;
          busy = true;
        }
      } catch (HsmException e) {
        errval = e.errno();
      }
    }
    progress(item.fid(), item.cookie(), item.offset(), item.length(), flags, errval, dv, seen);
    if (busy) {
      throw new HsmException(Errno.EBUSY, "file " + ar.fid() + " changed during archive");
    }
  }

  /** Creates the volatile file of a restore. */
  FileRecord createVolatile(Fid target) throws HsmException {
    FileRecord v = s.fs().createVolatile(target);
    s.signalEvent();
    return v;
  }

  private void learnDfid(ActiveRequest ar, Fid dfid) {
    ar.learnDfid(dfid);
    ActionRecord r = s.log().get(ar.recordIndex());
    if (r != null) {
      persist(() -> s.log().setItem(r, r.item().withDfid(dfid)));
    }
  }

  private void progress(
      Fid fid, long cookie, long offset, long length, int flags, int errval, long dv)
      throws HsmException {
    progress(fid, cookie, offset, length, flags, errval, dv, false);
  }

  /** {@code seenNow}: the caller has just observed the request's file (it exists). */
  private void progress(
      Fid fid,
      long cookie,
      long offset,
      long length,
      int flags,
      int errval,
      long dv,
      boolean seenNow)
      throws HsmException {
    ActiveRequest ar = activeFor(cookie);
    ar.touch(s.nowMillis());
    int action = ar.action();
    if (action != HSMA_REMOVE && errval == 0 && length != 0) {
      ar.addDone(offset, length);
    }
    if (action == HSMA_RESTORE && ar.dfid().equals(ar.fid()) && !fid.equals(ar.fid())) {
      learnDfid(ar, fid);
    }
    if ((action == HSMA_ARCHIVE || action == HSMA_RESTORE)
        && !fid.equals(ar.fid())
        && !fid.equals(ar.dfid())) {
      throw new HsmException(Errno.EINVAL, "progress FID " + fid + " is not the request's");
    }
    if (errval != 0 && (flags & HP_FLAG_COMPLETED) == 0) {
      throw new HsmException(Errno.EINVAL, "error without HP_FLAG_COMPLETED");
    }
    if ((flags & HP_FLAG_COMPLETED) == 0) {
      if (ar.isCanceled()) {
        throw new HsmException(
            Errno.ECANCELED, "request 0x" + Long.toHexString(cookie) + " canceled");
      }
      s.signalEvent();
      return;
    }
    complete(ar, flags, errval, dv, seenNow);
    s.signalEvent();
  }

  /** Status of a completion per the coordinator's rules (errval, retry flag, NRA, existence). */
  private RecordStatus statusOf(int flags, int errval, boolean exists) {
    if (errval == 0) {
      return RecordStatus.SUCCEED;
    } else if (errval == Errno.ENOSYS) {
      return RecordStatus.FAILED;
    } else if (errval == Errno.ECANCELED) {
      return RecordStatus.SUCCEED;
    } else if ((flags & HP_FLAG_RETRY) != 0
        && !s.tunables().hasPolicy(Tunables.POLICY_NRA)
        && exists) {
      return RecordStatus.WAITING;
    }
    return RecordStatus.FAILED;
  }

  private void complete(ActiveRequest ar, int flags, int errval, long dv, boolean seenNow) {
    EmulatedFs fs = s.fs();
    int action = ar.action();
    FileRecord f = fs.find(ar.fid());
    boolean exists = f != null && (seenNow || s.existsNow(ar.fid()));
    RecordStatus status = statusOf(flags, errval, exists);
    if (errval == 0 && f != null) {
      switch (action) {
        case HSMA_ARCHIVE ->
            fs.update(f, (f.flags() | HS_ARCHIVED) & ~(HS_DIRTY | HS_LOST), f.archiveId(), dv);
        case HSMA_RESTORE -> {
          try {
            if (fs.observe(f).dataVersion() != f.archiveVersion()) {
              throw new HsmException(Errno.EBUSY, "released file was written during restore");
            }
            fs.commitRestore(f, ar.dfid());
          } catch (HsmException e) {
            LOG.warn("restore of {} could not swap: {}", ar.fid(), e.getMessage());
            if (s.tunables().hasPolicy(Tunables.POLICY_NRA)) {
              status = RecordStatus.FAILED;
            }
          }
        }
        case HSMA_REMOVE ->
            fs.update(
                f,
                f.flags() & ~(HS_ARCHIVED | HS_EXISTS | HS_LOST),
                f.archiveId(),
                f.archiveVersion());
        default -> LOG.warn("completion of a {} item: protocol error", Hsm.actionName(action));
      }
    }
    if (action == HSMA_RESTORE && !ar.dfid().equals(ar.fid()) && status != RecordStatus.SUCCEED) {
      fs.dropVolatile(ar.dfid());
    }
    s.active().remove(ar.cookie());
    Agent a = s.agents().get(ar.agentUuid());
    if (a != null) {
      if (status == RecordStatus.SUCCEED) {
        a.countOk();
      } else {
        a.countError();
      }
    }
    long now = s.nowSec();
    final RecordStatus st = status;
    ActionRecord target =
        ar.isCanceled() && ar.cancelRecordIndex() >= 0
            ? s.log().get(ar.cancelRecordIndex())
            : s.log().get(ar.recordIndex());
    if (target != null
        && (target.status() == RecordStatus.WAITING || target.status() == RecordStatus.STARTED)) {
      if (st == RecordStatus.WAITING) {
        persist(() -> s.log().requeue(target, now));
      } else {
        persist(() -> s.log().setStatus(target, st, now));
      }
    }
    LOG.info(
        "{} {} cookie=0x{} errval={} -> {}",
        Hsm.actionName(action),
        ar.fid(),
        Long.toHexString(ar.cookie()),
        errval,
        status);
  }

  /** {@code hsm_current_action}: the first pending non-cancel record of the file. */
  CurrentAction currentAction(Fid fid) {
    ActionRecord r = s.pendingFor(fid, false);
    if (r == null) {
      // as Lustre 2.16's mdt_hsm_get_action: the status it reports starts as ARS_WAITING (0) and
      // stays so when no WAITING or STARTED record matches, so an idle file is WAITING + NOOP
      return new CurrentAction(Hsm.HPS_WAITING, Hsm.HUA_NONE, 0, 0);
    }
    if (r.status() == RecordStatus.WAITING) {
      return new CurrentAction(
          Hsm.HPS_WAITING, Hsm.hsmaToHua(r.action()), r.item().offset(), r.item().length());
    }
    long len = r.item().length();
    ActiveRequest ar = s.active().get(r.cookie());
    if (ar != null && (r.action() == HSMA_ARCHIVE || r.action() == HSMA_RESTORE)) {
      len = ar.doneBytes();
    }
    return new CurrentAction(Hsm.HPS_RUNNING, Hsm.hsmaToHua(r.action()), r.item().offset(), len);
  }
}
