package org.lhsm.agentctl.params;

import java.util.Map;
import java.util.Set;

/**
 * One line of {@code hsm.agents}: a registered copytool's client UUID, the archives it serves
 * (empty set = any archive) and its request counters since registration.
 */
public record AgentEntry(
    String device,
    String uuid,
    Set<Integer> archiveIds,
    long current,
    long ok,
    long errors,
    Map<String, String> extra) {
  public AgentEntry {
    archiveIds = Set.copyOf(archiveIds);
    extra = Map.copyOf(extra);
  }

  public boolean servesAnyArchive() {
    return archiveIds.isEmpty();
  }

  public boolean serves(int archiveId) {
    return archiveIds.isEmpty() || archiveIds.contains(archiveId);
  }
}
