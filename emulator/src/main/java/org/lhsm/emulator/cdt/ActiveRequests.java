package org.lhsm.emulator.cdt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatched (STARTED) non-cancel requests held in memory, keyed by cookie, with their counts
 * per agent and per action kept up to date (no count walks the requests) and a version that moves
 * whenever {@code hsm.active_requests} would show something else.
 */
final class ActiveRequests {
  private final Map<Long, ActiveRequest> byCookie = new LinkedHashMap<>();
  private final Map<String, Long> perAgent = new HashMap<>();
  private final Map<Integer, Long> perAction = new HashMap<>();
  private long version;

  ActiveRequest get(long cookie) {
    return byCookie.get(cookie);
  }

  boolean contains(long cookie) {
    return byCookie.containsKey(cookie);
  }

  void put(ActiveRequest r) {
    ActiveRequest old = byCookie.put(r.cookie(), r);
    if (old != null) {
      uncount(old);
    }
    perAgent.merge(r.agentUuid(), 1L, Long::sum);
    perAction.merge(r.action(), 1L, Long::sum);
    r.setOwner(this);
    changed();
  }

  void remove(long cookie) {
    ActiveRequest old = byCookie.remove(cookie);
    if (old != null) {
      uncount(old);
      changed();
    }
  }

  private void uncount(ActiveRequest r) {
    r.setOwner(null);
    perAgent.computeIfPresent(r.agentUuid(), (k, n) -> n == 1 ? null : n - 1);
    perAction.computeIfPresent(r.action(), (k, n) -> n == 1 ? null : n - 1);
  }

  void clear() {
    for (ActiveRequest r : byCookie.values()) {
      r.setOwner(null);
    }
    byCookie.clear();
    perAgent.clear();
    perAction.clear();
    changed();
  }

  int size() {
    return byCookie.size();
  }

  /** A snapshot in dispatch order. */
  List<ActiveRequest> all() {
    return new ArrayList<>(byCookie.values());
  }

  /** Requests currently running on one agent ({@code current:} in hsm.agents). */
  long countFor(String agentUuid) {
    return perAgent.getOrDefault(agentUuid, 0L);
  }

  /** Requests of one action ({@code archive_count}, {@code restore_count}, ...). */
  long countOf(int action) {
    return perAction.getOrDefault(action, 0L);
  }

  /** Moves when a request is added or removed or one of them changes what it shows. */
  long version() {
    return version;
  }

  void changed() {
    version++;
  }
}
