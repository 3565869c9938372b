package org.lhsm.emulator.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;

/**
 * What the coordinator looks records up by, kept up to date by {@link RequestLog} at every change
 * (removed with the record's old state, added with its new one), so that no wake-up, request or
 * housekeeping scan walks the whole log:
 *
 * <ul>
 *   <li>WAITING records in dispatch order (record index): the non-cancel ones, the CANCELs
 *       (dispatched whatever the budget) and the RESTOREs (the restore admitted at housekeeping);
 *   <li>STARTED and finished records by change time (then index): the timeouts of STARTED records
 *       and the grace-delay purge take the oldest first and stop at the first that is not due;
 *   <li>pending (WAITING or STARTED) non-cancel records per FID, in index order: the request rules
 *       (cancel target, restore dedup) and {@code hsm_current_action}.
 * </ul>
 */
final class RequestIndex {
  static final Comparator<ActionRecord> BY_CHANGE =
      Comparator.comparingLong(ActionRecord::changeSec).thenComparingInt(ActionRecord::index);

  final NavigableMap<Integer, ActionRecord> waiting = new TreeMap<>();
  final NavigableMap<Integer, ActionRecord> waitingCancels = new TreeMap<>();
  final NavigableMap<Integer, ActionRecord> waitingRestores = new TreeMap<>();
  final NavigableSet<ActionRecord> started = new TreeSet<>(BY_CHANGE);
  final NavigableSet<ActionRecord> finished = new TreeSet<>(BY_CHANGE);
  final Map<Fid, NavigableMap<Integer, ActionRecord>> pendingByFid = new HashMap<>();

  /** Enters a record under its current state. */
  void add(ActionRecord r) {
    switch (r.status()) {
      case WAITING -> {
        if (r.action() == Hsm.HSMA_CANCEL) {
          waitingCancels.put(r.index(), r);
        } else {
          waiting.put(r.index(), r);
          if (r.action() == Hsm.HSMA_RESTORE) {
            waitingRestores.put(r.index(), r);
          }
        }
      }
      case STARTED -> started.add(r);
      default -> finished.add(r);
    }
    if (r.isPendingNonCancel()) {
      pendingByFid.computeIfAbsent(r.item().fid(), f -> new TreeMap<>()).put(r.index(), r);
    }
  }

  /** Removes a record entered under its current (not yet changed) state. */
  void remove(ActionRecord r) {
    switch (r.status()) {
      case WAITING -> {
        waitingCancels.remove(r.index());
        waiting.remove(r.index());
        waitingRestores.remove(r.index());
      }
      case STARTED -> started.remove(r);
      default -> finished.remove(r);
    }
    if (r.isPendingNonCancel()) {
      NavigableMap<Integer, ActionRecord> m = pendingByFid.get(r.item().fid());
      if (m != null) {
        m.remove(r.index());
        if (m.isEmpty()) {
          pendingByFid.remove(r.item().fid());
        }
      }
    }
  }

  /** The first pending non-cancel record of a FID (only RESTOREs if asked), or null. */
  ActionRecord pendingFor(Fid fid, boolean restoreOnly) {
    NavigableMap<Integer, ActionRecord> m = pendingByFid.get(fid);
    if (m == null) {
      return null;
    }
    for (ActionRecord r : m.values()) {
      if (!restoreOnly || r.action() == Hsm.HSMA_RESTORE) {
        return r;
      }
    }
    return null;
  }

  /** Differences between this index and {@code fresh} (built from scratch); empty if none. */
  List<String> differencesFrom(RequestIndex fresh) {
    List<String> out = new ArrayList<>();
    compare(out, "waiting", waiting, fresh.waiting);
    compare(out, "waiting cancels", waitingCancels, fresh.waitingCancels);
    compare(out, "waiting restores", waitingRestores, fresh.waitingRestores);
    compare(out, "started", new ArrayList<>(started), new ArrayList<>(fresh.started));
    compare(out, "finished", new ArrayList<>(finished), new ArrayList<>(fresh.finished));
    Map<Fid, List<ActionRecord>> mine = new HashMap<>();
    pendingByFid.forEach((f, m) -> mine.put(f, new ArrayList<>(m.values())));
    Map<Fid, List<ActionRecord>> theirs = new HashMap<>();
    fresh.pendingByFid.forEach((f, m) -> theirs.put(f, new ArrayList<>(m.values())));
    compare(out, "pending by FID", mine, theirs);
    return out;
  }

  private static void compare(List<String> out, String what, Object mine, Object fresh) {
    if (!mine.equals(fresh)) {
      out.add(what + ": index " + mine + " but a rescan finds " + fresh);
    }
  }
}
