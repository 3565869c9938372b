package org.lhsm.copytool.core;

/** What the coordinator asks for in one action item. */
public enum ActionKind {
  ARCHIVE(20),
  RESTORE(21),
  REMOVE(22),
  CANCEL(23),
  /** NOOP (code 10) as the stock tool prints it. */
  NOOP(10),
  /** Any code the copytool does not know; it is failed with EINVAL. */
  UNKNOWN(-1);

  private final int code;

  ActionKind(int code) {
    this.code = code;
  }

  /** The {@code hai_action} number; -1 for {@link #UNKNOWN}, whose items carry their own. */
  public int code() {
    return code;
  }

  /** The kind whose {@code hai_action} is {@code code}; {@link #UNKNOWN} for any other number. */
  public static ActionKind fromCode(int code) {
    for (ActionKind k : values()) {
      if (k != UNKNOWN && k.code == code) {
        return k;
      }
    }
    return UNKNOWN;
  }

  /** The upper-case name the stock tool prints (and that the test harness greps for). */
  public String wireName() {
    return name();
  }
}
