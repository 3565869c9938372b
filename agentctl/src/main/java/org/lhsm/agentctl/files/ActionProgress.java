package org.lhsm.agentctl.files;

/** Progress state of a file's current HSM action ({@code enum hsm_progress_states}). */
public enum ActionProgress {
  NONE("unknown"),
  WAITING("waiting"),
  RUNNING("running"),
  DONE("done");

  private final String displayName;

  ActionProgress(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  public boolean isPending() {
    return this == WAITING || this == RUNNING;
  }
}
