package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;

/** {@code struct hsm_user_state} (32 bytes), as {@code STATE_GET} answers it. */
public record UserState(int states, int archiveId) {
  public static final int SIZE = 32;

  /** HSM flags and archive id; no restore in progress, no extended info. */
  public byte[] encode() {
    ByteBuffer b = ActionItem.le(SIZE);
    b.putInt(states).putInt(archiveId);
    return b.array();
  }
}
