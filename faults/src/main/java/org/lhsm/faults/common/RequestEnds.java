package org.lhsm.faults.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.lhsm.bindings.UserAction;

/**
 * The acknowledged requests of a load that were seen to end without their effect, and the
 * coordinator's records that must account for them: for each file and action, as many FAILED or
 * CANCELED records as such ends. A shortfall is a lost request. Matched by count once every request
 * has ended, not within a window after each end: the coordinator's list may show a record later
 * than the client sees the request end (see {@link Load#settle}).
 */
final class RequestEnds {
  /** A file (its FID without braces) and an action. */
  record Key(String fid, UserAction action) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = fid.compareTo(o.fid);
      return c != 0 ? c : action.compareTo(o.action);
    }
  }

  /** Ends without effect of one file and action, and the FAILED or CANCELED records found. */
  record Tally(Key key, int ended, long records) {
    long lost() {
      return Math.max(0, ended - records);
    }

    long explained() {
      return Math.min(ended, records);
    }
  }

  private final Map<Key, Integer> ends = new ConcurrentHashMap<>();

  /** An acknowledged request for {@code fid} ended without its effect. */
  void endedWithoutEffect(String fid, UserAction action) {
    ends.merge(new Key(fid, action), 1, Integer::sum);
  }

  boolean isEmpty() {
    return ends.isEmpty();
  }

  /** Every file and action that had ends without effect, with the records that account for them. */
  List<Tally> tally(List<Actions.Record> records) {
    Map<Key, Long> failed = new HashMap<>();
    for (Actions.Record r : records) {
      if (r.status().equals("FAILED") || r.status().equals("CANCELED")) {
        for (UserAction a : UserAction.values()) {
          if (a.name().equals(r.action())) {
            failed.merge(new Key(r.fid(), a), 1L, Long::sum);
          }
        }
      }
    }
    List<Tally> out = new ArrayList<>();
    for (Map.Entry<Key, Integer> e : new TreeMap<>(ends).entrySet()) {
      out.add(new Tally(e.getKey(), e.getValue(), failed.getOrDefault(e.getKey(), 0L)));
    }
    return out;
  }

  /** Whether every end without effect is accounted for by a record. */
  boolean allExplained(List<Actions.Record> records) {
    return tally(records).stream().allMatch(t -> t.lost() == 0);
  }
}
