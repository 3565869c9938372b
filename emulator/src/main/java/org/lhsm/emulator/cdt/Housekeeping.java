package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.cdt.CoordinatorState.persist;
import static org.lhsm.emulator.codec.Hsm.HSMA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;

import java.util.List;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.lhsm.emulator.log.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping scan, every {@code loop_period}: the filesystem walk (deleted objects, with the
 * REMOVE of remove-archive-on-last-unlink), then, while enabled, active-request timeouts, timeouts
 * of STARTED records with no request in memory, and deletion of finished records after {@code
 * grace_delay} (the log is compacted once its history outweighs the live records). Record timeouts
 * and the purge take the due records from the log's change-time indexes, oldest first.
 */
final class Housekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  private final CoordinatorState s;

  Housekeeping(CoordinatorState state) {
    this.s = state;
  }

  /** Runs a housekeeping scan if {@code loop_period} has passed; true if it ran. */
  boolean runIfDue() {
    long now = s.nowMillis();
    if (now - s.lastHousekeepingMillis() < s.tunables().loopPeriod() * 1000) {
      return false;
    }
    s.setLastHousekeepingMillis(now);
    scanTree();
    if (s.cdtState() == CdtState.RUNNING) {
      expireAndPurge();
    }
    return true;
  }

  /** Walks the filesystem; a deleted archived file queues a REMOVE when RAoLU is on. */
  private void scanTree() {
    Tunables t = s.tunables();
    for (FileRecord gone : s.fs().scan()) {
      if (t.removeArchiveOnLastUnlink() && gone.has(HS_EXISTS)) {
        int archive = gone.archiveId() != 0 ? gone.archiveId() : (int) t.defaultArchiveId();
        ActionItem item =
            new ActionItem(
                HSMA_REMOVE, gone.fid(), Fid.ZERO, 0, Hsm.EOF, s.newCookie(), 0, new byte[0]);
        persist(() -> s.log().add(archive, 0, s.nowSec(), item));
        LOG.info("last unlink of {}: REMOVE queued", gone.fid());
      }
    }
  }

  /**
   * Timeouts and purge, driven by the request log's change-time indexes: only records that are due
   * (and the STARTED records held in memory, at most the active requests) are looked at.
   */
  private void expireAndPurge() {
    RequestLog log = s.log();
    long nowMs = s.nowMillis();
    long now = s.nowSec();
    long timeoutMs = s.tunables().activeRequestTimeout() * 1000;
    for (ActiveRequest ar : s.active().all()) {
      if (nowMs - ar.lastUpdateMillis() > timeoutMs) {
        timeOut(ar, now);
      }
    }
    for (ActionRecord r : log.oldestStarted(change -> (now - change) * 1000 > timeoutMs)) {
      boolean inMemory = s.active().contains(r.cookie()) && r.action() != HSMA_CANCEL;
      if (!inMemory) {
        LOG.info("record {} ({}) timed out", r.index(), Hsm.actionName(r.action()));
        persist(() -> log.setStatus(r, RecordStatus.CANCELED, now));
      }
    }
    long grace = s.tunables().graceDelay();
    List<ActionRecord> expired = log.oldestFinished(change -> now - change >= grace);
    for (ActionRecord r : expired) {
      persist(() -> log.delete(r));
    }
    if (!expired.isEmpty()) {
      persist(log::compactIfWorthIt);
    }
  }

  /** Active-request timeout: CANCELED, counted as an error, nothing sent to the copytool. */
  private void timeOut(ActiveRequest ar, long now) {
    s.active().remove(ar.cookie());
    Agent a = s.agents().get(ar.agentUuid());
    if (a != null) {
      a.countError();
    }
    if (ar.action() == HSMA_RESTORE && !ar.dfid().equals(ar.fid())) {
      s.fs().dropVolatile(ar.dfid());
    }
    ActionRecord r = s.log().get(ar.recordIndex());
    if (r != null && !r.status().isFinal()) {
      persist(() -> s.log().setStatus(r, RecordStatus.CANCELED, now));
    }
    LOG.info(
        "request cookie=0x{} on {} timed out: CANCELED", Long.toHexString(ar.cookie()), ar.fid());
  }
}
