package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Decoded {@code struct hsm_user_request} (24-byte header, 32-byte items, data). */
public record UserRequest(int action, int archiveId, long flags, List<Item> items, byte[] data) {
  /** Maximum request size accepted by the client (MDS_MAXREQSIZE/3). */
  public static final int MAX_LEN = 1706;

  /** {@code sizeof(struct hsm_user_request)}: the header before the items. */
  public static final int HEADER_SIZE = 24;

  /** {@code sizeof(struct hsm_user_item)}. */
  public static final int ITEM_SIZE = 32;

  /** One {@code hsm_user_item}. */
  public record Item(Fid fid, long offset, long length) {}

  public UserRequest {
    items = List.copyOf(items);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public static UserRequest decode(byte[] bytes) throws HsmException {
    if (bytes.length >= MAX_LEN) {
      throw new HsmException(Errno.E2BIG, "hsm_user_request of " + bytes.length + " bytes");
    }
    if (bytes.length < HEADER_SIZE) {
      throw new HsmException(
          Errno.EPROTO, "hsm_user_request shorter than " + HEADER_SIZE + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int action = b.getInt();
    int archive = b.getInt();
    long flags = b.getLong();
    int count = b.getInt();
    int dataLen = b.getInt();
    long expected =
        HEADER_SIZE
            + (long) ITEM_SIZE * Integer.toUnsignedLong(count)
            + Integer.toUnsignedLong(dataLen);
    if (expected != bytes.length) {
      throw new HsmException(
          Errno.EPROTO,
          "hsm_user_request length " + bytes.length + " does not match header (" + expected + ")");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Fid fid = Fid.read(b);
      items.add(new Item(fid, b.getLong(), b.getLong()));
    }
    byte[] data = new byte[dataLen];
    b.get(data);
    return new UserRequest(action, archive, flags, items, data);
  }

  /** Encodes a request (used by tests and tools). */
  public byte[] encode() {
    ByteBuffer b = ActionItem.le(HEADER_SIZE + ITEM_SIZE * items.size() + data.length);
    b.putInt(action).putInt(archiveId).putLong(flags).putInt(items.size()).putInt(data.length);
    for (Item i : items) {
      i.fid().write(b);
      b.putLong(i.offset()).putLong(i.length());
    }
    b.put(data);
    return b.array();
  }
}
