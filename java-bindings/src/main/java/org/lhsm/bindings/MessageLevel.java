package org.lhsm.bindings;

/** {@code enum llapi_message_level}: verbosity of liblustreapi's own diagnostics. */
public enum MessageLevel {
  OFF,
  FATAL,
  ERROR,
  WARNING,
  NORMAL,
  INFO,
  DEBUG;

  /** The C value ({@code LLAPI_MSG_*}); equals the ordinal. */
  public int code() {
    return ordinal();
  }

  /**
   * @throws IllegalArgumentException for a value outside 0..6
   */
  public static MessageLevel fromCode(int code) {
    if (code < 0 || code >= values().length) {
      throw new IllegalArgumentException("unknown message level " + code);
    }
    return values()[code];
  }
}
