package org.lhsm.emulator.cdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dispatched (STARTED) non-cancel requests held in memory, keyed by cookie. */
final class ActiveRequests {
  private final Map<Long, ActiveRequest> byCookie = new LinkedHashMap<>();

  ActiveRequest get(long cookie) {
    return byCookie.get(cookie);
  }

  boolean contains(long cookie) {
    return byCookie.containsKey(cookie);
  }

  void put(ActiveRequest r) {
    byCookie.put(r.cookie(), r);
  }

  void remove(long cookie) {
    byCookie.remove(cookie);
  }

  void clear() {
    byCookie.clear();
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
    return byCookie.values().stream().filter(r -> r.agentUuid().equals(agentUuid)).count();
  }

  /** Requests of one action ({@code archive_count}, {@code restore_count}, ...). */
  long countOf(int action) {
    return byCookie.values().stream().filter(r -> r.action() == action).count();
  }
}
