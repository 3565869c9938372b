package org.lhsm.bindings;

import static org.lhsm.bindings.internal.AbiLayout.HAI_ACTION;
import static org.lhsm.bindings.internal.AbiLayout.HAI_COOKIE;
import static org.lhsm.bindings.internal.AbiLayout.HAI_DATA;
import static org.lhsm.bindings.internal.AbiLayout.HAI_DFID;
import static org.lhsm.bindings.internal.AbiLayout.HAI_EXTENT;
import static org.lhsm.bindings.internal.AbiLayout.HAI_FID;
import static org.lhsm.bindings.internal.AbiLayout.HAI_GID;
import static org.lhsm.bindings.internal.AbiLayout.HAI_LEN;
import static org.lhsm.bindings.internal.AbiLayout.HAI_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HAL_ARCHIVE_ID;
import static org.lhsm.bindings.internal.AbiLayout.HAL_COMPOUND_ID;
import static org.lhsm.bindings.internal.AbiLayout.HAL_COUNT;
import static org.lhsm.bindings.internal.AbiLayout.HAL_FLAGS;
import static org.lhsm.bindings.internal.AbiLayout.HAL_FSNAME;
import static org.lhsm.bindings.internal.AbiLayout.HAL_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.HAL_VERSION_OFF;
import static org.lhsm.bindings.internal.AbiLayout.roundUp8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * A list of actions for one archive ({@code struct hsm_action_list} and its items), decoded in
 * plain Java from the payload of one kernel message.
 *
 * @param version {@code hal_version}, {@link #VERSION} for anything decoded
 * @param fsname the filesystem name
 * @param archiveId the archive every item belongs to (unsigned)
 * @param flags {@code hal_flags} ({@link RequestFlag} bits; unknown bits kept)
 * @param items the actions, in message order
 */
public record HsmActionList(
    int version, String fsname, int archiveId, long flags, List<HsmActionItem> items) {

  /** {@code HAL_VERSION}. */
  public static final int VERSION = 1;

  public HsmActionList {
    Objects.requireNonNull(fsname, "fsname");
    if (fsname.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("fsname contains NUL");
    }
    items = List.copyOf(items);
  }

  /** The request flags this list carries (unknown bits dropped). */
  public EnumSet<RequestFlag> requestFlags() {
    return RequestFlag.fromMask(flags);
  }

  /**
   * Decodes {@code msg}'s position..limit as one action list (little-endian). The buffer's position
   * is not changed. Every length is checked against the message size before use, so a malformed
   * message yields an exception naming the offset of the fault, never an index error.
   *
   * @throws HsmProtocolException if the message is not a well-formed version-1 action list
   */
  public static HsmActionList decode(ByteBuffer msg) throws HsmProtocolException {
    ByteBuffer b = msg.slice().order(ByteOrder.LITTLE_ENDIAN);
    long size = b.remaining();
    if (size < HAL_SIZE) {
      throw new HsmProtocolException(
          "message of " + size + " bytes is shorter than the " + HAL_SIZE + "-byte header", 0);
    }
    int version = b.getInt(HAL_VERSION_OFF);
    if (version != VERSION) {
      throw new HsmProtocolException(
          "hal_version " + Integer.toUnsignedString(version) + ", expected " + VERSION,
          HAL_VERSION_OFF);
    }
    long count = Integer.toUnsignedLong(b.getInt(HAL_COUNT));
    long flags = b.getLong(HAL_FLAGS);
    int archiveId = b.getInt(HAL_ARCHIVE_ID);

    int nul = HAL_FSNAME;
    while (nul < size && b.get(nul) != 0) {
      nul++;
    }
    if (nul >= size) {
      throw new HsmProtocolException("hal_fsname is not NUL-terminated within the message", nul);
    }
    byte[] name = new byte[nul - HAL_FSNAME];
    b.get(HAL_FSNAME, name);
    String fsname = new String(name, StandardCharsets.UTF_8);
    long first = HAL_FSNAME + roundUp8(name.length + 1L);
    if (first > size) {
      throw new HsmProtocolException(
          "hal_fsname padding ends at " + first + ", past the message end " + size, nul);
    }
    long room = (size - first) / HAI_SIZE;
    if (count > room) {
      throw new HsmProtocolException(
          "hal_count " + count + " items cannot fit in " + (size - first) + " bytes", HAL_COUNT);
    }

    List<HsmActionItem> items = new ArrayList<>((int) count);
    long off = first;
    for (int i = 0; i < count; i++) {
      items.add(decodeItem(b, off, size, i));
      off += roundUp8(Integer.toUnsignedLong(b.getInt((int) off + HAI_LEN)));
    }
    return new HsmActionList(version, fsname, archiveId, flags, items);
  }

  private static HsmActionItem decodeItem(ByteBuffer b, long off, long size, int index)
      throws HsmProtocolException {
    if (off + HAI_SIZE > size) {
      throw new HsmProtocolException(
          "item " + index + " header (" + HAI_SIZE + " bytes) runs past the message end " + size,
          off);
    }
    int at = (int) off;
    long len = Integer.toUnsignedLong(b.getInt(at + HAI_LEN));
    if (len < HAI_SIZE) {
      throw new HsmProtocolException(
          "item " + index + " hai_len " + len + " is below the minimum " + HAI_SIZE, off);
    }
    if (off + len > size) {
      throw new HsmProtocolException(
          "item " + index + " hai_len " + len + " runs past the message end " + size, off);
    }
    int code = b.getInt(at + HAI_ACTION);
    // an action newer than this code is kept (and ended with an error by the copytool): refusing
    // the list would leave every item of it to time out
    CopytoolAction action = CopytoolAction.fromCodeOrUnknown(code);
    byte[] data = new byte[(int) (len - HAI_SIZE)];
    b.get(at + HAI_DATA, data);
    return new HsmActionItem(
        action,
        HsmActionItem.getFid(b, at + HAI_FID),
        HsmActionItem.getFid(b, at + HAI_DFID),
        HsmActionItem.getExtent(b, at + HAI_EXTENT),
        b.getLong(at + HAI_COOKIE),
        b.getLong(at + HAI_GID),
        data,
        code);
  }

  /** {@code hal_size}: header, padded fsname and every item padded to 8 bytes. */
  public int encodedLength() {
    long n = HAL_FSNAME + roundUp8(fsname.getBytes(StandardCharsets.UTF_8).length + 1L);
    for (HsmActionItem item : items) {
      n += roundUp8(item.encodedLength());
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalStateException("action list too large to encode: " + n + " bytes");
    }
    return (int) n;
  }

  /** The exact C layout: 32-byte header, fsname padded to 8, items each padded to 8. */
  public byte[] encode() {
    byte[] name = fsname.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(encodedLength()).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(HAL_VERSION_OFF, version);
    b.putInt(HAL_COUNT, items.size());
    b.putLong(HAL_COMPOUND_ID, 0);
    b.putLong(HAL_FLAGS, flags);
    b.putInt(HAL_ARCHIVE_ID, archiveId);
    b.put(HAL_FSNAME, name);
    b.position((int) (HAL_FSNAME + roundUp8(name.length + 1L)));
    for (HsmActionItem item : items) {
      int start = b.position();
      item.encodeTo(b);
      b.position((int) (start + roundUp8(item.encodedLength())));
    }
    return b.array();
  }
}
