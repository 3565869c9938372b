package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes {@code struct hsm_action_list} and the KUC frames that carry it. */
public final class ActionList {
  /** {@code sizeof(struct hsm_action_list)}: the header before the fsname. */
  public static final int HEADER_SIZE = 32;

  /** {@code hal_version} of every list sent. */
  public static final int HAL_VERSION = 1;

  /** {@code LDLM_MAXREQSIZE}: the most bytes of action list the MDT packs into one list. */
  public static final int MAX_LIST_SIZE = 5120;

  /** {@code sizeof(struct kuc_hdr)}. */
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
    b.putInt(HAL_VERSION)
        .putInt(items.size())
        .putLong(0)
        .putLong(flags)
        .putInt(archiveId)
        .putInt(0);
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

  /** A decoded action list. */
  public record Decoded(
      int version, int archiveId, long flags, String fsname, List<ActionItem> items) {
    public Decoded {
      items = List.copyOf(items);
    }
  }

  /** Decodes a list as a copytool would (items start 8-byte aligned after the fsname). */
  public static Decoded decode(byte[] hal) throws HsmException {
    if (hal.length < HEADER_SIZE) {
      throw new HsmException(Errno.EPROTO, "action list shorter than 32 bytes");
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(hal).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int version = b.getInt();
    int count = b.getInt();
    b.getLong();
    long flags = b.getLong();
    int archive = b.getInt();
    int end = HEADER_SIZE;
    while (end < hal.length && hal[end] != 0) {
      end++;
    }
    String fsname = new String(hal, HEADER_SIZE, end - HEADER_SIZE, StandardCharsets.UTF_8);
    int off = HEADER_SIZE + round8(end - HEADER_SIZE + 1);
    java.util.List<ActionItem> items = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (off + ActionItem.FIXED_SIZE > hal.length) {
        throw new HsmException(Errno.EPROTO, "item " + i + " beyond the end of the list");
      }
      b.position(off);
      int len = b.getInt();
      b.position(off);
      ActionItem fixed = ActionItem.readFixed(b);
      if (len < ActionItem.FIXED_SIZE || off + len > hal.length) {
        throw new HsmException(Errno.EPROTO, "item " + i + " has a bad length " + len);
      }
      byte[] data = java.util.Arrays.copyOfRange(hal, off + ActionItem.FIXED_SIZE, off + len);
      items.add(
          new ActionItem(
              fixed.action(),
              fixed.fid(),
              fixed.dfid(),
              fixed.offset(),
              fixed.length(),
              fixed.cookie(),
              fixed.gid(),
              data));
      off += round8(len);
    }
    return new Decoded(version, archive, flags, fsname, items);
  }
}
