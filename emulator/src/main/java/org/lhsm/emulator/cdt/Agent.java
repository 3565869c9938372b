package org.lhsm.emulator.cdt;

import java.util.List;

/**
 * A registered agent as the coordinator knows it: one per client mount, keyed by the mount's client
 * UUID, with the archives of the first copytool that registered there. The copytools' connections
 * are the client's ({@link KucGroups}).
 */
public final class Agent {
  private final String uuid;
  private final String mount;
  private final List<Integer> archives;
  private long ok;
  private long errors;

  Agent(String uuid, String mount, List<Integer> archives) {
    this.uuid = uuid;
    this.mount = mount;
    this.archives = List.copyOf(archives);
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

  boolean serves(int archiveId) {
    return archives.isEmpty() || archives.contains(archiveId);
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
}
