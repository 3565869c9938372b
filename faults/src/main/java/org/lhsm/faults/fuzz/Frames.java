package org.lhsm.faults.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmActionList;
import org.lhsm.bindings.HsmExtent;

/** Random action lists, KUC frames, and the mutations applied to them. */
final class Frames {
  static final int KUC_MAGIC = 0x191C;
  static final int KUC_TRANSPORT_HSM = 2;
  static final int HMT_ACTION_LIST = 100;
  private static final long[] INTERESTING = {
    0,
    1,
    7,
    8,
    0x7f,
    0x80,
    0xff,
    0x100,
    0xffff,
    0x10000,
    0x7fffffffL,
    0x80000000L,
    0xfffffff8L,
    0xffffffffL
  };

  private Frames() {}

  /** A valid list of up to {@code maxItems} items for filesystem {@code fsname}. */
  static HsmActionList list(
      SplittableRandom r, String fsname, int archiveId, int maxItems, long cookie0) {
    List<HsmActionItem> items = new ArrayList<>();
    int n = r.nextInt(maxItems + 1);
    CopytoolAction[] kinds = {
      CopytoolAction.ARCHIVE, CopytoolAction.RESTORE, CopytoolAction.REMOVE, CopytoolAction.CANCEL
    };
    for (int i = 0; i < n; i++) {
      Fid fid = new Fid(0x200000400L + r.nextInt(64), r.nextInt(), 0);
      byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(48) : 0];
      r.nextBytes(data);
      items.add(
          new HsmActionItem(
              kinds[r.nextInt(kinds.length)], fid, fid, HsmExtent.whole(), cookie0 + i, 0, data));
    }
    return new HsmActionList(HsmActionList.VERSION, fsname, archiveId, 0, items);
  }

  /** The KUC frame carrying {@code payload}. */
  static byte[] kuc(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) KUC_MAGIC).put((byte) KUC_TRANSPORT_HSM).put((byte) 0);
    b.putShort((short) HMT_ACTION_LIST).putShort((short) (8 + payload.length)).put(payload);
    return b.array();
  }

  /** One mutation of {@code in}: flips, interesting values, cuts, extensions, random bytes. */
  static byte[] mutate(byte[] in, SplittableRandom r) {
    byte[] b = in.clone();
    switch (r.nextInt(7)) {
      case 0 -> {
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips && b.length > 0; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 1 -> {
        if (b.length >= 4) {
          int at = r.nextInt(b.length / 4) * 4;
          long v = INTERESTING[r.nextInt(INTERESTING.length)];
          ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) v);
        }
      }
      case 2 -> {
        return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
      }
      case 3 -> {
        byte[] more = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
        for (int i = b.length; i < more.length; i++) {
          more[i] = (byte) r.nextInt(256);
        }
        return more;
      }
      case 4 -> {
        byte[] x = new byte[r.nextInt(300)];
        r.nextBytes(x);
        return x;
      }
      case 5 -> {
        // the fields a decoder trusts most: counts and lengths
        if (b.length >= 8) {
          int at = r.nextBoolean() ? 4 : Math.min(b.length - 4, 32 + 8 * r.nextInt(4));
          long v = INTERESTING[r.nextInt(INTERESTING.length)];
          ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) v);
        }
      }
      default -> {
        for (int i = 0; i < b.length; i++) {
          if (r.nextInt(64) == 0) {
            b[i] = (byte) r.nextInt(256);
          }
        }
      }
    }
    return b;
  }
}
