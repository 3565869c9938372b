package org.lhsm.agentctl.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lhsm.agentctl.params.ActiveRequest;

/**
 * Finds dispatched requests that will not finish by themselves, from successive readings of {@code
 * hsm.active_requests} and {@code hsm.agents}: those whose agent is no longer registered (it
 * unregistered, or the coordinator dropped it after a send failed with {@code EPIPE}), and those
 * whose bytes done have not moved during the whole observation window (a copytool killed with
 * {@code kill -9} stays registered on Lustre ≤ 2.17 until the coordinator next sends it work). The
 * coordinator shows no time of last progress, so "not moved" can only be observed: a request counts
 * as not moving once it was seen, unchanged and dispatched to the same agent, from the window's
 * start to its end.
 */
public final class StuckDetector {
  /** A request found stuck, with what was observed. */
  public record Stuck(
      ActiveRequest request, boolean agentGone, boolean noProgress, Duration observedFor) {
    /** Stable machine-readable reason: {@code agent-gone}, {@code no-progress} or both. */
    public String reason() {
      if (agentGone && noProgress) {
        return "agent-gone,no-progress";
      }
      return agentGone ? "agent-gone" : "no-progress";
    }

    /** The reason for people. */
    public String describe() {
      List<String> why = new ArrayList<>();
      if (agentGone) {
        why.add("agent " + request.agentUuid() + " is no longer registered");
      }
      if (noProgress) {
        why.add(
            "no progress for " + observedFor.toSeconds() + " s (done=" + request.bytesDone() + ")");
      }
      return String.join("; ", why);
    }
  }

  private record Key(String device, long cookie) {}

  private record Seen(Instant first, long done, String agent, boolean moved, ActiveRequest last) {}

  private final Map<Key, Seen> seen = new LinkedHashMap<>();
  private Map<String, Set<String>> agents = Map.of();
  private Instant started;
  private Instant last;

  /**
   * Records one reading taken at {@code at}.
   *
   * @param active the active requests of every MDT
   * @param agentsByDevice the registered agent UUIDs per MDT device
   */
  public void observe(
      Instant at, List<ActiveRequest> active, Map<String, Set<String>> agentsByDevice) {
    if (started == null) {
      started = at;
    }
    last = at;
    agents = new HashMap<>(agentsByDevice);
    Set<Key> now = new HashSet<>();
    for (ActiveRequest a : active) {
      Key k = new Key(a.device(), a.cookie());
      now.add(k);
      Seen s = seen.get(k);
      if (s == null) {
        seen.put(k, new Seen(at, a.bytesDone(), a.agentUuid(), false, a));
      } else {
        boolean moved = s.moved() || s.done() != a.bytesDone() || !s.agent().equals(a.agentUuid());
        seen.put(k, new Seen(s.first(), s.done(), s.agent(), moved, a));
      }
    }
    seen.keySet().retainAll(now);
  }

  /**
   * The requests of the last reading that are stuck: agent gone, or not moved during at least
   * {@code window} of observation. Sorted by MDT, then cookie.
   */
  public List<Stuck> stuck(Duration window) {
    List<Stuck> out = new ArrayList<>();
    if (last == null) {
      return out;
    }
    for (Map.Entry<Key, Seen> e : seen.entrySet()) {
      Seen s = e.getValue();
      ActiveRequest a = s.last();
      Duration watched = Duration.between(s.first(), last);
      boolean gone = !agents.getOrDefault(a.device(), Set.of()).contains(a.agentUuid());
      boolean still = !s.moved() && !window.isZero() && watched.compareTo(window) >= 0;
      if (gone || still) {
        out.add(new Stuck(a, gone, still, watched));
      }
    }
    out.sort(
        Comparator.comparing((Stuck x) -> x.request().device())
            .thenComparing(x -> x.request().cookie(), Long::compareUnsigned));
    return out;
  }

  /** How long the readings have covered so far. */
  public Duration observed() {
    return started == null ? Duration.ZERO : Duration.between(started, last);
  }
}
