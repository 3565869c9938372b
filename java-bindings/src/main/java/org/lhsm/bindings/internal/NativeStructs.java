package org.lhsm.bindings.internal;

import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_LENGTH;
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_OFFSET;
import static org.lhsm.bindings.internal.AbiLayout.HSM_EXTENT_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_OID;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_SEQ;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_SIZE;
import static org.lhsm.bindings.internal.AbiLayout.LU_FID_VER;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmExtent;

/** Reads and writes small C structs in JNA memory; the caller owns (and closes) the memory. */
public final class NativeStructs {
  private NativeStructs() {}

  public static Memory fid(Fid fid) {
    Memory m = new Memory(LU_FID_SIZE);
    m.setLong(LU_FID_SEQ, fid.seq());
    m.setInt(LU_FID_OID, fid.oid());
    m.setInt(LU_FID_VER, fid.ver());
    return m;
  }

  public static Memory zeroed(long size) {
    Memory m = new Memory(size);
    m.clear();
    return m;
  }

  public static Fid readFid(Pointer p, long at) {
    return new Fid(
        p.getLong(at + LU_FID_SEQ), p.getInt(at + LU_FID_OID), p.getInt(at + LU_FID_VER));
  }

  public static Memory extent(HsmExtent e) {
    Memory m = new Memory(HSM_EXTENT_SIZE);
    m.setLong(HSM_EXTENT_OFFSET, e.offset());
    m.setLong(HSM_EXTENT_LENGTH, e.length());
    return m;
  }

  public static HsmExtent readExtent(Pointer p, long at) {
    return new HsmExtent(p.getLong(at + HSM_EXTENT_OFFSET), p.getLong(at + HSM_EXTENT_LENGTH));
  }

  /** The NUL-terminated string at the start of a buffer the library filled. */
  public static String readString(Memory m) {
    return m.getString(0);
  }
}
