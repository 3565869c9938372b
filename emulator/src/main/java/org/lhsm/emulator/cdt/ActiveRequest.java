package org.lhsm.emulator.cdt;

import java.util.TreeMap;
import org.lhsm.emulator.codec.ActionItem;
import org.lhsm.emulator.codec.Fid;

/** A dispatched (STARTED) non-cancel request held in memory. */
final class ActiveRequest {
  private final int recordIndex;
  private final String agentUuid;
  private ActionItem item;
  private long lastUpdateMillis;
  private boolean canceled;
  private int cancelRecordIndex = -1;
  private long copyStartVersion = -1;
  private final TreeMap<Long, Long> done = new TreeMap<>();
  private ActiveRequests owner;

  ActiveRequest(int recordIndex, String agentUuid, ActionItem item, long nowMillis) {
    this.recordIndex = recordIndex;
    this.agentUuid = agentUuid;
    this.item = item;
    this.lastUpdateMillis = nowMillis;
  }

  /** The set this request is held in (told about changes that show), or null. */
  void setOwner(ActiveRequests owner) {
    this.owner = owner;
  }

  private void changed() {
    if (owner != null) {
      owner.changed();
    }
  }

  /** Index of the request's record in the request log. */
  int recordIndex() {
    return recordIndex;
  }

  /** UUID of the agent the request was sent to. */
  String agentUuid() {
    return agentUuid;
  }

  ActionItem item() {
    return item;
  }

  long cookie() {
    return item.cookie();
  }

  int action() {
    return item.action();
  }

  Fid fid() {
    return item.fid();
  }

  Fid dfid() {
    return item.dfid();
  }

  /** Records the data FID (a restore's volatile file) learnt from the copytool. */
  void learnDfid(Fid dfid) {
    item = item.withDfid(dfid);
    changed();
  }

  /** Time of the last progress or state change; the active-request timeout counts from it. */
  long lastUpdateMillis() {
    return lastUpdateMillis;
  }

  void touch(long nowMillis) {
    lastUpdateMillis = nowMillis;
  }

  boolean isCanceled() {
    return canceled;
  }

  /** Index of the CANCEL record that canceled this request, or -1. */
  int cancelRecordIndex() {
    return cancelRecordIndex;
  }

  /** Flags the request canceled by the CANCEL record {@code cancelRecord}. */
  void cancelBy(int cancelRecord) {
    canceled = true;
    cancelRecordIndex = cancelRecord;
    changed();
  }

  /** Data version sampled at an ARCHIVE's COPY_START, or -1 before it. */
  long copyStartVersion() {
    return copyStartVersion;
  }

  void setCopyStartVersion(long dataVersion) {
    copyStartVersion = dataVersion;
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
    changed();
  }

  long doneBytes() {
    long sum = 0;
    for (var e : done.entrySet()) {
      sum += e.getValue() - e.getKey();
    }
    return sum;
  }
}
