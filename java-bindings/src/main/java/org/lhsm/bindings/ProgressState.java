package org.lhsm.bindings;

/** {@code enum hsm_progress_states}: where a request stands on the coordinator. */
public enum ProgressState {
  NONE(0, "unknown"),
  WAITING(1, "waiting"),
  RUNNING(2, "running"),
  DONE(3, "done");

  private final int code;
  private final String displayName;

  ProgressState(int code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The C value ({@code HPS_*}). */
  public int code() {
    return code;
  }

  /** The name {@code hsm_progress_state2name} prints. */
  public String displayName() {
    return displayName;
  }

  /**
   * @throws IllegalArgumentException for a code that is not an {@code HPS_*} value
   */
  public static ProgressState fromCode(int code) {
    for (ProgressState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown progress state code " + code);
  }
}
