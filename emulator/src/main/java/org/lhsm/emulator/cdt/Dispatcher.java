package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.cdt.CoordinatorState.persist;
import static org.lhsm.emulator.codec.Hsm.HSMA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_CANCEL;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.ActionList;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.fs.EmulatedFs;
import org.lhsm.emulator.fs.FileRecord;
import org.lhsm.emulator.log.ActionRecord;
import org.lhsm.emulator.log.RecordStatus;
import org.lhsm.emulator.log.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch: gathers WAITING records into per-archive lists within the {@code max_requests} budget,
 * picks agents, sends, and marks records STARTED (or FAILED when their file is gone or no longer
 * compatible). Also sends the CANCEL items of user cancels and of a purge.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private final CoordinatorState s;

  Dispatcher(CoordinatorState state) {
    this.s = state;
  }

  private static final class Batch {
    final int archiveId;
    final List<ActionRecord> records = new ArrayList<>();
    int size;

    Batch(int archiveId, int headerSize) {
      this.archiveId = archiveId;
      this.size = headerSize;
    }
  }

  /**
   * One dispatch scan; returns true when a send failed and another scan may help. The WAITING
   * records are taken in index order from the request log's index: the first ones within the {@code
   * max_requests} budget, and every CANCEL (they do not count against it). During a housekeeping
   * scan one RESTORE is always admitted, displacing the last gathered item of its archive if the
   * budget is used up (Lustre's restore priority).
   */
  boolean dispatchOnce(boolean housekeeping) {
    if (s.agents().isEmpty()) {
      return false;
    }
    long budget = Math.max(0, s.tunables().maxRequests() - s.active().size());
    List<ActionRecord> gathered = gather(s.log(), budget, housekeeping);
    List<Batch> batches = new ArrayList<>();
    Map<Integer, Batch> open = new LinkedHashMap<>();
    for (ActionRecord r : gathered) {
      int itemSize = ActionList.itemSize(r.item());
      Batch b = open.get(r.archiveId());
      if (b == null || b.size + itemSize > ActionList.MAX_LIST_SIZE) {
        b = new Batch(r.archiveId(), ActionList.headerSize(s.fsname()));
        open.put(r.archiveId(), b);
        batches.add(b);
      }
      b.records.add(r);
      b.size += itemSize;
    }
    boolean retry = false;
    for (Batch b : batches) {
      retry |= sendBatch(b);
    }
    return retry;
  }

  /**
   * The WAITING records one dispatch scan takes, in index order: the first non-cancel ones within
   * {@code budget}, every CANCEL, and during housekeeping the first RESTORE if none was taken,
   * displacing the last taken item of its archive.
   */
  static List<ActionRecord> gather(RequestLog log, long budget, boolean housekeeping) {
    List<ActionRecord> gathered = new ArrayList<>();
    boolean restoreGathered = false;
    for (ActionRecord r : log.waiting().values()) {
      if (gathered.size() >= budget) {
        break;
      }
      gathered.add(r);
      restoreGathered |= r.action() == HSMA_RESTORE;
    }
    ActionRecord skippedRestore = null;
    if (housekeeping
        && !restoreGathered
        && gathered.size() < log.waiting().size()
        && !log.waitingRestores().isEmpty()) {
      skippedRestore = log.waitingRestores().firstEntry().getValue();
    }
    if (!log.waitingCancels().isEmpty()) {
      gathered.addAll(log.waitingCancels().values());
      gathered.sort(Comparator.comparingInt(ActionRecord::index));
    }
    if (skippedRestore != null) {
      for (int i = gathered.size() - 1; i >= 0; i--) {
        ActionRecord g = gathered.get(i);
        if (g.action() != HSMA_CANCEL && g.archiveId() == skippedRestore.archiveId()) {
          gathered.remove(i);
          break;
        }
      }
      gathered.add(skippedRestore);
      gathered.sort(Comparator.comparingInt(ActionRecord::index));
    }
    return gathered;
  }

  private boolean sendBatch(Batch b) {
    RequestLog log = s.log();
    Agent agent = s.agents().best(b.archiveId, s.active());
    long nowMs = s.nowMillis();
    long now = s.nowSec();
    List<ActionItem> items = new ArrayList<>();
    List<ActionRecord> sent = new ArrayList<>();
    Map<Long, ActiveRequest> pending = new LinkedHashMap<>();
    for (ActionRecord r : b.records) {
      if (r.action() != HSMA_CANCEL) {
        if (agent == null || !prepare(r)) {
          continue;
        }
        pending.put(r.cookie(), new ActiveRequest(r.index(), agent.uuid(), r.item(), nowMs));
        items.add(r.item());
        sent.add(r);
        continue;
      }
      ActiveRequest target = s.active().get(r.cookie());
      boolean inThisList = target == null && pending.containsKey(r.cookie());
      if (inThisList) {
        items.add(r.item());
        sent.add(r);
        continue;
      }
      if (target == null) {
        if (s.pendingFor(r.item().fid(), false) == null) {
          LOG.info("cancel cookie=0x{}: nothing to cancel", Long.toHexString(r.cookie()));
          persist(() -> log.setStatus(r, RecordStatus.FAILED, now));
        }
        continue;
      }
      Agent ta = s.agents().get(target.agentUuid());
      if (ta == null || trySend(ta, b.archiveId, r.flags(), List.of(r.item()))) {
        markCanceled(target, r, ta == null ? "" : ta.uuid(), now);
      }
    }
    if (items.isEmpty() || agent == null) {
      return false;
    }
    if (!trySend(agent, b.archiveId, b.records.get(0).flags(), items)) {
      return true;
    }
    for (ActionRecord r : sent) {
      if (r.action() == HSMA_CANCEL) {
        markCanceled(pending.get(r.cookie()), r, agent.uuid(), now);
      } else {
        s.active().put(pending.get(r.cookie()));
        if (r.status() == RecordStatus.WAITING) {
          persist(() -> log.setStarted(r, agent.uuid(), now));
        }
      }
    }
    return false;
  }

  private void markCanceled(ActiveRequest target, ActionRecord cancel, String uuid, long now) {
    RequestLog log = s.log();
    target.cancelBy(cancel.index());
    ActionRecord tr = log.get(target.recordIndex());
    if (tr != null && !tr.status().isFinal()) {
      persist(() -> log.setStatus(tr, RecordStatus.CANCELED, now));
    }
    persist(() -> log.setStarted(cancel, uuid, now));
  }

  /** Re-checks a record before sending; false when it was failed instead. */
  private boolean prepare(ActionRecord r) {
    EmulatedFs fs = s.fs();
    long now = s.nowSec();
    FileRecord f = fs.find(r.item().fid());
    boolean exists = f != null && observed(f);
    if (!exists) {
      if (r.action() == HSMA_REMOVE) {
        return true;
      }
      LOG.info("{} of {}: file gone, FAILED", Hsm.actionName(r.action()), r.item().fid());
      persist(() -> s.log().setStatus(r, RecordStatus.FAILED, now));
      return false;
    }
    if (!RequestRules.compatible(f, r.action(), r.archiveId())) {
      LOG.info(
          "{} of {}: no longer compatible (flags 0x{}), FAILED",
          Hsm.actionName(r.action()),
          f.fid(),
          Integer.toHexString(f.flags()));
      persist(() -> s.log().setStatus(r, RecordStatus.FAILED, now));
      return false;
    }
    if (r.action() == HSMA_ARCHIVE) {
      fs.update(f, f.flags() | HS_EXISTS, r.archiveId(), f.archiveVersion());
    }
    return true;
  }

  /**
   * Observes a file before dispatch (dirty detection, one {@code statx}); whether it still exists.
   * An observation that fails for another reason than the object being gone is logged and the file
   * counts as existing if it still resolves.
   */
  private boolean observed(FileRecord f) {
    try {
      s.fs().observe(f);
      return true;
    } catch (HsmException e) {
      LOG.debug("observe {}: {}", f.fid(), e.getMessage());
      return s.existsNow(f.fid());
    }
  }

  /** Sends one list; on failure the agent is unregistered (EPIPE) and false returned. */
  boolean trySend(Agent a, int archiveId, long flags, List<ActionItem> items) {
    byte[] frame =
        ActionList.actionListFrame(ActionList.encode(s.fsname(), archiveId, flags, items));
    try {
      s.kuc().put(a.uuid(), frame);
      return true;
    } catch (IOException e) {
      LOG.info("send to agent {} failed ({}): EPIPE, agent unregistered", a.uuid(), e.getMessage());
      s.agents().remove(a.uuid());
      return false;
    }
  }
}
