package org.lhsm.bindings;

/** {@code enum hsm_copytool_action}: what the coordinator asks a copytool to do. */
public enum CopytoolAction {
  NONE(10, "NOOP"),
  ARCHIVE(20, "ARCHIVE"),
  RESTORE(21, "RESTORE"),
  REMOVE(22, "REMOVE"),
  CANCEL(23, "CANCEL"),
  /**
   * A code this version does not know (a newer coordinator); {@link HsmActionItem#actionCode()}
   * keeps the number, so the item can still be ended (with an error) rather than the whole list
   * being refused.
   */
  UNKNOWN(-1, "UNKNOWN");

  private final int code;
  private final String wireName;

  CopytoolAction(int code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  /** The C value ({@code HSMA_*}). */
  public int code() {
    return code;
  }

  /** The name {@code hsm_copytool_action2name} prints. */
  public String wireName() {
    return wireName;
  }

  /**
   * @throws IllegalArgumentException for a code that is not an {@code HSMA_*} value
   */
  public static CopytoolAction fromCode(int code) {
    CopytoolAction a = fromCodeOrUnknown(code);
    if (a == UNKNOWN) {
      throw new IllegalArgumentException("unknown copytool action code " + code);
    }
    return a;
  }

  /**
   * The action whose {@link #wireName} is {@code text} (case and surrounding blanks ignored), as
   * the kernel prints actions in {@code hsm.actions} and {@code hsm.active_requests}; {@code
   * UNKNOWN} is what it prints for any other code.
   *
   * @throws IllegalArgumentException naming the text and the accepted names
   */
  public static CopytoolAction fromWireName(String text) {
    for (CopytoolAction a : values()) {
      if (a.wireName.equalsIgnoreCase(text.strip())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown action '" + text + "' (expected NOOP, ARCHIVE, RESTORE, REMOVE or CANCEL)");
  }

  /** As {@link #fromCode}, but {@link #UNKNOWN} for a code that is not an {@code HSMA_*} value. */
  public static CopytoolAction fromCodeOrUnknown(int code) {
    for (CopytoolAction a : values()) {
      if (a.code == code && a != UNKNOWN) {
        return a;
      }
    }
    return UNKNOWN;
  }
}
