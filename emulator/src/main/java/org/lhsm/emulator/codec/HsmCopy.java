package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code struct hsm_copy} (88 bytes) with the fixed part of its action item. */
public record HsmCopy(long dataVersion, int flags, int errval, ActionItem item) {
  public static final int SIZE = 88;

  public static HsmCopy decode(byte[] bytes) throws HsmException {
    if (bytes.length != SIZE) {
      throw new HsmException(Errno.EPROTO, "hsm_copy must be 88 bytes, got " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long dv = b.getLong();
    int flags = b.getShort() & 0xffff;
    int errval = b.getShort() & 0xffff;
    b.getInt();
    return new HsmCopy(dv, flags, errval, ActionItem.readFixed(b));
  }

  public byte[] encode() {
    ByteBuffer b = ActionItem.le(SIZE);
    b.putLong(dataVersion).putShort((short) flags).putShort((short) errval).putInt(0);
    ActionItem fixed =
        new ActionItem(
            item.action(),
            item.fid(),
            item.dfid(),
            item.offset(),
            item.length(),
            item.cookie(),
            item.gid(),
            new byte[0]);
    fixed.write(b);
    return b.array();
  }
}
