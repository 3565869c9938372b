package org.lhsm.agentctl.exporter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.bindings.CopytoolAction;

/**
 * Follows the records of {@code hsm.actions} from scrape to scrape by MDT, cookie and action (a
 * CANCEL record shares its target's cookie). The coordinator prints no times, so a record's age is
 * counted from the scrape that first saw it in its status, and its completion latency from the
 * scrape that first saw it WAITING to the one that first sees it SUCCEED or FAILED: both are known
 * to within one scrape interval. Records present at the first scrape of an MDT have no known start:
 * they count for ages (as lower bounds) but not for latencies.
 */
public final class RequestTracker {
  /** Histogram bucket bounds of completion latency, in seconds. */
  public static final double[] LATENCY_BUCKETS = {
    1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400
  };

  /** Key of a latency series. */
  public record Series(String device, CopytoolAction action, RecordStatus status) {}

  /** Cumulative latency observations of one series. */
  public static final class Latency {
    final long[] counts = new long[LATENCY_BUCKETS.length + 1];
    double sum;
    long count;

    void observe(double seconds) {
      int i = 0;
      while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]) {
        i++;
      }
      counts[i]++;
      sum += seconds;
      count++;
    }

    /** Per-bucket (not cumulative) counts, the last for +Inf. */
    public long[] counts() {
      return counts.clone();
    }

    public double sum() {
      return sum;
    }

    public long count() {
      return count;
    }
  }

  private record Key(String device, long cookie, CopytoolAction action) {}

  private static final class Entry {
    Instant firstWaiting;
    Instant statusSince;
    RecordStatus status;
    boolean baseline;
    boolean observed;
  }

  private final int maxTracked;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final Set<String> devicesSeen = new HashSet<>();
  private final Map<Series, Latency> latency = new LinkedHashMap<>();
  private boolean full;

  /**
   * @param maxTracked records followed at most (beyond, new records are not followed: ages and
   *     latencies then cover only the followed ones)
   */
  public RequestTracker(int maxTracked) {
    this.maxTracked = maxTracked;
  }

  /**
   * Takes the records of one MDT read at {@code now}.
   *
   * @param complete false when the read was cut at the byte limit: records not seen are then not
   *     taken as gone
   */
  public void observe(String device, Instant now, List<ActionRecord> records, boolean complete) {
    boolean baseline = devicesSeen.add(device);
    Set<Key> seen = new HashSet<>();
    for (ActionRecord r : records) {
      Key k = new Key(device, r.cookie(), r.action());
      seen.add(k);
      Entry e = entries.get(k);
      if (e == null) {
        if (entries.size() >= maxTracked) {
          full = true;
          continue;
        }
        e = new Entry();
        e.baseline = baseline;
        entries.put(k, e);
      }
      if (e.status != r.status()) {
        e.status = r.status();
        e.statusSince = now;
      }
      if (r.status() == RecordStatus.WAITING && e.firstWaiting == null) {
        e.firstWaiting = now;
      }
      if ((r.status() == RecordStatus.SUCCEED || r.status() == RecordStatus.FAILED)
          && !e.observed) {
        e.observed = true;
        if (!e.baseline && e.firstWaiting != null) {
          latency
              .computeIfAbsent(new Series(device, r.action(), r.status()), s -> new Latency())
              .observe(Duration.between(e.firstWaiting, now).toMillis() / 1000.0);
        }
      }
    }
    if (complete) {
      entries.keySet().removeIf(k -> k.device().equals(device) && !seen.contains(k));
      full = entries.size() >= maxTracked;
    }
  }

  /** Key of an age: action and status. */
  public record AgeKey(CopytoolAction action, RecordStatus status) {}

  /**
   * For each action and status present on {@code device}: seconds since its oldest record was first
   * seen in that status.
   */
  public Map<AgeKey, Double> oldestAges(String device, Instant now) {
    Map<AgeKey, Instant> oldest = new HashMap<>();
    for (Map.Entry<Key, Entry> e : entries.entrySet()) {
      Key k = e.getKey();
      if (!k.device().equals(device)) {
        continue;
      }
      Entry v = e.getValue();
      oldest.merge(
          new AgeKey(k.action(), v.status), v.statusSince, (a, b) -> a.isBefore(b) ? a : b);
    }
    Map<AgeKey, Double> out = new HashMap<>();
    oldest.forEach((k, t) -> out.put(k, Duration.between(t, now).toMillis() / 1000.0));
    return out;
  }

  /** The latency series observed so far. */
  public Map<Series, Latency> latency() {
    return latency;
  }

  /** Records followed now. */
  public int tracked() {
    return entries.size();
  }

  /** Whether new records were left unfollowed for lack of room. */
  public boolean full() {
    return full;
  }
}
