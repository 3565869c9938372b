package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;

/** {@code struct hsm_current_action} (24 bytes): {@code HPS_*} state, {@code HUA_*} action. */
public record CurrentAction(int state, int action, long offset, long length) {
  public static final int SIZE = 24;

  public byte[] encode() {
    ByteBuffer b = ActionItem.le(SIZE);
    b.putInt(state).putInt(action).putLong(offset).putLong(length);
    return b.array();
  }
}
