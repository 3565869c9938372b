package org.lhsm.bindings;

import java.io.IOException;

/** A malformed HSM action list; {@link #offset()} is where in the message the fault lies. */
public class HsmProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public HsmProtocolException(String what, long offset) {
    super("malformed hsm_action_list at offset " + offset + ": " + what);
    this.offset = offset;
  }

  /** Byte offset from the start of the action list payload. */
  public long offset() {
    return offset;
  }
}
