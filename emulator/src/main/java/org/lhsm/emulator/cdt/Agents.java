package org.lhsm.emulator.cdt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registered agents in registration order, keyed by client UUID. */
final class Agents {
  private final Map<String, Agent> byUuid = new LinkedHashMap<>();
  private long version;

  /** Moves whenever an agent is added, replaced or removed. */
  long version() {
    return version;
  }

  Agent get(String uuid) {
    return byUuid.get(uuid);
  }

  boolean contains(String uuid) {
    return byUuid.containsKey(uuid);
  }

  /** Adds or replaces the agent of its UUID (a replacement keeps the registration order). */
  void put(Agent a) {
    version++;
    byUuid.put(a.uuid(), a);
  }

  Agent remove(String uuid) {
    version++;
    return byUuid.remove(uuid);
  }

  void clear() {
    version++;
    byUuid.clear();
  }

  boolean isEmpty() {
    return byUuid.isEmpty();
  }

  int size() {
    return byUuid.size();
  }

  /** A snapshot in registration order. */
  List<Agent> all() {
    return new ArrayList<>(byUuid.values());
  }

  /**
   * The agent for a batch of {@code archiveId}, as the MDT picks it: in registration order among
   * those serving the archive, the first with no current request, else the least loaded.
   */
  Agent best(int archiveId, ActiveRequests active) {
    Agent best = null;
    long bestLoad = Long.MAX_VALUE;
    for (Agent a : byUuid.values()) {
      if (!a.serves(archiveId)) {
        continue;
      }
      long load = active.countFor(a.uuid());
      if (load == 0) {
        return a;
      }
      if (load < bestLoad) {
        best = a;
        bestLoad = load;
      }
    }
    return best;
  }
}
