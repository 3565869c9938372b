package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes {@code struct hsm_action_list} and the KUC frames that carry it. */
public final class ActionList {
  public static final int HEADER_SIZE = 32;
  public static final int MAX_LIST_SIZE = 5120;
  public static final int KUC_HDR_SIZE = 8;
  public static final int KUC_MAGIC = 0x191C;
  public static final int KUC_TRANSPORT_GENERIC = 1;
  public static final int KUC_TRANSPORT_HSM = 2;
  public static final int KUC_MSG_SHUTDOWN = 1;
  public static final int HMT_ACTION_LIST = 100;

  private ActionList() {}

  static int round8(int n) {
    return (n + 7) & ~7;
  }

  /** Size of the list header including the padded fsname. */
  public static int headerSize(String fsname) {
    return HEADER_SIZE + round8(fsname.getBytes(StandardCharsets.UTF_8).length + 1);
  }

  /** Space one item takes in a list. */
  public static int itemSize(ActionItem item) {
    return round8(item.len());
  }

  /** Encodes a list: version 1, compound id 0, items padded to 8 bytes. */
  public static byte[] encode(String fsname, int archiveId, long flags, List<ActionItem> items) {
    int size = headerSize(fsname);
    for (ActionItem i : items) {
      size += itemSize(i);
    }
    ByteBuffer b = ActionItem.le(size);
    b.putInt(1).putInt(items.size()).putLong(0).putLong(flags).putInt(archiveId).putInt(0);
    b.put(fsname.getBytes(StandardCharsets.UTF_8));
    b.position(headerSize(fsname));
    for (ActionItem i : items) {
      int start = b.position();
      i.write(b);
      b.position(start + itemSize(i));
    }
    return b.array();
  }

  /** A KUC frame: 8-byte header (msglen includes it) followed by the payload. */
  public static byte[] kucFrame(int transport, int msgType, byte[] payload) {
    int len = KUC_HDR_SIZE + payload.length;
    if (len > 0xffff) {
      throw new IllegalArgumentException("KUC message too long: " + len);
    }
    ByteBuffer b = ActionItem.le(len);
    b.putShort((short) KUC_MAGIC).put((byte) transport).put((byte) 0);
    b.putShort((short) msgType).putShort((short) len);
    b.put(payload);
    return b.array();
  }

  public static byte[] actionListFrame(byte[] hal) {
    return kucFrame(KUC_TRANSPORT_HSM, HMT_ACTION_LIST, hal);
  }

  public static byte[] shutdownFrame() {
    return kucFrame(KUC_TRANSPORT_GENERIC, KUC_MSG_SHUTDOWN, new byte[0]);
  }
}
