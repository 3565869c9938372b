package org.lhsm.emulator.cdt;

import java.util.List;

/** A registered copytool: one per client mount, keyed by the mount's client UUID. */
public final class Agent {
  private final String uuid;
  private final String mount;
  private final List<Integer> archives;
  private final AgentSink sink;
  private boolean dead;
  private long ok;
  private long errors;

  Agent(String uuid, String mount, List<Integer> archives, AgentSink sink) {
    this.uuid = uuid;
    this.mount = mount;
    this.archives = List.copyOf(archives);
    this.sink = sink;
  }

  public String uuid() {
    return uuid;
  }

  /** The mount string the copytool registered with. */
  public String mount() {
    return mount;
  }

  /** Empty means every archive. */
  public List<Integer> archives() {
    return archives;
  }

  /** Write side of the copytool's event connection. */
  AgentSink sink() {
    return sink;
  }

  boolean serves(int archiveId) {
    return archives.isEmpty() || archives.contains(archiveId);
  }

  /** True once the event connection hit EOF without an unregister (the copytool died). */
  boolean isDead() {
    return dead;
  }

  void markDead() {
    dead = true;
  }

  /** Completions counted as successful since registration ({@code ok:} in hsm.agents). */
  long okCount() {
    return ok;
  }

  /** Failed or timed-out requests since registration ({@code errors:} in hsm.agents). */
  long errorCount() {
    return errors;
  }

  void countOk() {
    ok++;
  }

  void countError() {
    errors++;
  }

  /** A re-registration with the same UUID keeps the counters of the agent it replaces. */
  void inheritCounters(Agent previous) {
    ok = previous.ok;
    errors = previous.errors;
  }
}
