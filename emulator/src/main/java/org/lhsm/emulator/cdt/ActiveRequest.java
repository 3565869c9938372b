package org.lhsm.emulator.cdt;

import java.util.TreeMap;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;

/** A dispatched (STARTED) non-cancel request held in memory. */
final class ActiveRequest {
  final int recordIndex;
  final String agentUuid;
  ActionItem item;
  long lastUpdateMillis;
  boolean canceled;
  int cancelRecordIndex = -1;
  long copyStartVersion = -1;
  private final TreeMap<Long, Long> done = new TreeMap<>();

  ActiveRequest(int recordIndex, String agentUuid, ActionItem item, long now) {
    this.recordIndex = recordIndex;
    this.agentUuid = agentUuid;
    this.item = item;
    this.lastUpdateMillis = now;
  }

  Fid fid() {
    return item.fid();
  }

  Fid dfid() {
    return item.dfid();
  }

  /** Merges [offset, offset+length) into the set of copied ranges. */
  void addDone(long offset, long length) {
    long start = offset;
    long end = length == -1 || offset + length < offset ? Long.MAX_VALUE : offset + length;
    var lower = done.floorEntry(start);
    if (lower != null && lower.getValue() >= start) {
      start = lower.getKey();
      end = Math.max(end, lower.getValue());
      done.remove(lower.getKey());
    }
    var next = done.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      done.remove(next.getKey());
      next = done.ceilingEntry(start);
    }
    done.put(start, end);
  }

  long doneBytes() {
    long sum = 0;
    for (var e : done.entrySet()) {
      sum += e.getValue() - e.getKey();
    }
    return sum;
  }
}
