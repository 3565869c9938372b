package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code struct hsm_progress} (48 bytes). */
public record Progress(Fid fid, long cookie, long offset, long length, int flags, int errval) {
  public static final int SIZE = 48;

  public static Progress decode(byte[] bytes) throws HsmException {
    if (bytes.length != SIZE) {
      throw new HsmException(Errno.EPROTO, "hsm_progress must be 48 bytes, got " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    Fid fid = Fid.read(b);
    long cookie = b.getLong();
    long off = b.getLong();
    long len = b.getLong();
    int flags = b.getShort() & 0xffff;
    int errval = b.getShort() & 0xffff;
    return new Progress(fid, cookie, off, len, flags, errval);
  }

  public byte[] encode() {
    ByteBuffer b = ActionItem.le(SIZE);
    fid.write(b);
    b.putLong(cookie).putLong(offset).putLong(length);
    b.putShort((short) flags).putShort((short) errval).putInt(0);
    return b.array();
  }
}
