package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code struct hsm_user_import} (48 bytes). */
public record UserImport(
    long size,
    long atime,
    long mtime,
    int atimeNs,
    int mtimeNs,
    int uid,
    int gid,
    int mode,
    int archiveId) {
  public static final int SIZE = 48;

  public static UserImport decode(byte[] bytes) throws HsmException {
    if (bytes.length != SIZE) {
      throw new HsmException(Errno.EPROTO, "hsm_user_import must be 48 bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return new UserImport(
        b.getLong(),
        b.getLong(),
        b.getLong(),
        b.getInt(),
        b.getInt(),
        b.getInt(),
        b.getInt(),
        b.getInt(),
        b.getInt());
  }

  public byte[] encode() {
    ByteBuffer b = ActionItem.le(SIZE);
    b.putLong(size).putLong(atime).putLong(mtime).putInt(atimeNs).putInt(mtimeNs);
    b.putInt(uid).putInt(gid).putInt(mode).putInt(archiveId);
    return b.array();
  }
}
