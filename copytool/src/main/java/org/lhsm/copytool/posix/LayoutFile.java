package org.lhsm.copytool.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code .lov} side file: the file's {@code lustre.lov} value with the starting OST index of
 * plain V1/V3 layouts reset to "any" (0xFFFF), so a restore does not pin the old OST.
 */
final class LayoutFile {
  static final int MAX_SIZE = 65536;
  private static final int LOV_MAGIC_V1 = 0x0BD10BD0;
  private static final int LOV_MAGIC_V3 = 0x0BD30BD0;
  private static final int STRIPE_OFFSET_AT = 30;

  private LayoutFile() {}

  static byte[] forArchive(byte[] lov) {
    byte[] out = lov.clone();
    if (out.length >= STRIPE_OFFSET_AT + 2) {
      ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
      int magic = b.getInt(0);
      if (magic == LOV_MAGIC_V1 || magic == LOV_MAGIC_V3) {
        b.putShort(STRIPE_OFFSET_AT, (short) 0xFFFF);
      }
    }
    return out;
  }
}
