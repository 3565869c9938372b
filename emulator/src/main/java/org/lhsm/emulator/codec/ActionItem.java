package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** {@code struct hsm_action_item}: 72 fixed bytes followed by opaque data. */
public record ActionItem(
    int action, Fid fid, Fid dfid, long offset, long length, long cookie, long gid, byte[] data) {
  public static final int FIXED_SIZE = 72;

  public ActionItem {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public int len() {
    return FIXED_SIZE + data.length;
  }

  public ActionItem withDfid(Fid newDfid) {
    return new ActionItem(action, fid, newDfid, offset, length, cookie, gid, data);
  }

  public ActionItem withAction(int newAction) {
    return new ActionItem(newAction, fid, dfid, offset, length, cookie, gid, data);
  }

  /** Writes the item (hai_len = 72 + data, not rounded) at the buffer position. */
  public void write(ByteBuffer b) {
    b.putInt(len()).putInt(action);
    fid.write(b);
    dfid.write(b);
    b.putLong(offset).putLong(length).putLong(cookie).putLong(gid);
    b.put(data);
  }

  /** Reads the fixed 72-byte part only (as carried inside hsm_copy). */
  public static ActionItem readFixed(ByteBuffer b) {
    b.getInt();
    int action = b.getInt();
    Fid fid = Fid.read(b);
    Fid dfid = Fid.read(b);
    return new ActionItem(
        action, fid, dfid, b.getLong(), b.getLong(), b.getLong(), b.getLong(), new byte[0]);
  }

  /** First 5 data bytes in upper-case hex, as {@code hsm.actions} shows them. */
  public String dataPreview() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(5, data.length); i++) {
      sb.append(String.format("%02X", data[i] & 0xff));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActionItem a
        && a.action == action
        && a.fid.equals(fid)
        && a.dfid.equals(dfid)
        && a.offset == offset
        && a.length == length
        && a.cookie == cookie
        && a.gid == gid
        && Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(cookie) * 31 + action;
  }

  @Override
  public String toString() {
    return Hsm.actionName(action) + " " + fid + " cookie=0x" + Long.toHexString(cookie);
  }

  static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
