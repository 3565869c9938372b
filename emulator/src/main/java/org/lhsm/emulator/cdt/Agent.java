package org.lhsm.emulator.cdt;

import java.util.List;

/** A registered copytool: one per client mount, keyed by the mount's client UUID. */
public final class Agent {
  final String uuid;
  final String mount;
  final List<Integer> archives;
  AgentSink sink;
  boolean dead;
  long ok;
  long errors;

  Agent(String uuid, String mount, List<Integer> archives, AgentSink sink) {
    this.uuid = uuid;
    this.mount = mount;
    this.archives = List.copyOf(archives);
    this.sink = sink;
  }

  public String uuid() {
    return uuid;
  }

  /** Empty means every archive. */
  public List<Integer> archives() {
    return archives;
  }

  boolean serves(int archiveId) {
    return archives.isEmpty() || archives.contains(archiveId);
  }
}
