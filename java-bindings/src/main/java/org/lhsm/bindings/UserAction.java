package org.lhsm.bindings;

/** {@code enum hsm_user_action}: what a user asks of the coordinator. */
public enum UserAction {
  NONE(1, "NOOP"),
  ARCHIVE(10, "ARCHIVE"),
  RESTORE(11, "RESTORE"),
  RELEASE(12, "RELEASE"),
  REMOVE(13, "REMOVE"),
  CANCEL(14, "CANCEL");

  private final int code;
  private final String wireName;

  UserAction(int code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  /** The C value ({@code HUA_*}). */
  public int code() {
    return code;
  }

  /** The name {@code hsm_user_action2name} prints. */
  public String wireName() {
    return wireName;
  }

  /**
   * @throws IllegalArgumentException for a code that is not an {@code HUA_*} value
   */
  public static UserAction fromCode(int code) {
    for (UserAction a : values()) {
      if (a.code == code) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown user action code " + code);
  }
}
