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
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_LENGTH;
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_OFFSET;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_OID;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_SEQ;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_VER;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One action of an action list ({@code struct hsm_action_item}), copied out of native memory.
 *
 * @param action what to do
 * @param fid the Lustre file the action is about
 * @param dfid the data FID (equal to {@code fid} as sent by the coordinator)
 * @param extent the byte range
 * @param cookie the request identifier the coordinator knows this action by
 * @param gid group lock id (always 0 from the coordinator)
 * @param data opaque user data (copied on the way in and out)
 * @param actionCode the {@code hai_action} number: {@code action.code()}, or for {@link
 *     CopytoolAction#UNKNOWN} the number received
 */
public record HsmActionItem(
    CopytoolAction action,
    Fid fid,
    Fid dfid,
    HsmExtent extent,
    long cookie,
    long gid,
    byte[] data,
    int actionCode) {

  public HsmActionItem {
    Objects.requireNonNull(action, "action");
    // the code decides the action: a known code must come with its action, any other with UNKNOWN
    if (CopytoolAction.fromCodeOrUnknown(actionCode) != action) {
      throw new IllegalArgumentException("hai_action " + actionCode + " does not fit " + action);
    }
    Objects.requireNonNull(fid, "fid");
    Objects.requireNonNull(dfid, "dfid");
    Objects.requireNonNull(extent, "extent");
    data = data == null ? new byte[0] : data.clone();
    if (data.length > Integer.MAX_VALUE - HAI_SIZE - 8) {
      throw new IllegalArgumentException("item data too large: " + data.length + " bytes");
    }
  }

  /** An item of a known action ({@code actionCode} is the action's code). */
  public HsmActionItem(
      CopytoolAction action,
      Fid fid,
      Fid dfid,
      HsmExtent extent,
      long cookie,
      long gid,
      byte[] data) {
    this(action, fid, dfid, extent, cookie, gid, data, action.code());
  }

  /** A copy of the opaque user data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The cookie as {@code 0x…}, the way log lines and the kernel print it. */
  public String cookieHex() {
    return "0x" + Long.toHexString(cookie);
  }

  /** {@code hai_len}: 72 plus the data length (not rounded). */
  public int encodedLength() {
    return HAI_SIZE + data.length;
  }

  /** Writes the C layout (unpadded, {@link #encodedLength()} bytes) at the buffer's position. */
  void encodeTo(ByteBuffer out) {
    ByteBuffer b = out.slice().order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(HAI_LEN, encodedLength());
    b.putInt(HAI_ACTION, actionCode);
    putFid(b, HAI_FID, fid);
    putFid(b, HAI_DFID, dfid);
    putExtent(b, HAI_EXTENT, extent);
    b.putLong(HAI_COOKIE, cookie);
    b.putLong(HAI_GID, gid);
    b.put(HAI_DATA, data);
    out.position(out.position() + encodedLength());
  }

  /** The C layout of this item alone ({@code hai_len} bytes). */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(encodedLength());
    encodeTo(b);
    return b.array();
  }

  static void putFid(ByteBuffer b, int at, Fid f) {
    b.putLong(at + LU_FID_SEQ, f.seq());
    b.putInt(at + LU_FID_OID, f.oid());
    b.putInt(at + LU_FID_VER, f.ver());
  }

  static Fid getFid(ByteBuffer b, int at) {
    return new Fid(
        b.getLong(at + LU_FID_SEQ), b.getInt(at + LU_FID_OID), b.getInt(at + LU_FID_VER));
  }

  static void putExtent(ByteBuffer b, int at, HsmExtent e) {
    b.putLong(at + HSM_EXTENT_OFFSET, e.offset());
    b.putLong(at + HSM_EXTENT_LENGTH, e.length());
  }

  static HsmExtent getExtent(ByteBuffer b, int at) {
    return new HsmExtent(b.getLong(at + HSM_EXTENT_OFFSET), b.getLong(at + HSM_EXTENT_LENGTH));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HsmActionItem i
        && action == i.action
        && actionCode == i.actionCode
        && fid.equals(i.fid)
        && dfid.equals(i.dfid)
        && extent.equals(i.extent)
        && cookie == i.cookie
        && gid == i.gid
        && Arrays.equals(data, i.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, actionCode, fid, dfid, extent, cookie, gid) * 31
        + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "HsmActionItem[action="
        + (action == CopytoolAction.UNKNOWN ? "UNKNOWN(" + actionCode + ")" : action)
        + ", fid="
        + fid
        + ", dfid="
        + dfid
        + ", extent="
        + extent
        + ", cookie=0x"
        + Long.toHexString(cookie)
        + ", gid="
        + gid
        + ", data="
        + data.length
        + " bytes]";
  }
}
