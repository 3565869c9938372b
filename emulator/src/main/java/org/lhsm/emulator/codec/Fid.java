package org.lhsm.emulator.codec;

import java.nio.ByteBuffer;

/** A Lustre FID ({@code struct lu_fid}, 16 bytes). */
public record Fid(long seq, int oid, int ver) {
  /** {@code sizeof(struct lu_fid)}. */
  public static final int SIZE = 16;

  public static final Fid ZERO = new Fid(0, 0, 0);
  public static final Fid ROOT = new Fid(0x200000007L, 1, 0);
  public static final Fid DOT_LUSTRE = new Fid(0x200000002L, 1, 0);
  public static final Fid DOT_LUSTRE_FID = new Fid(0x200000002L, 2, 0);
  public static final long SEQ_NORMAL = 0x200000400L;

  public boolean isZero() {
    return seq == 0 && oid == 0;
  }

  /** True for FIDs that may name an object: normal, IGIF, root or the .lustre FIDs. */
  public boolean isSane() {
    boolean normal = Long.compareUnsigned(seq, SEQ_NORMAL) >= 0;
    boolean igif = seq >= 12 && seq <= 0xffffffffL;
    return normal || igif || equals(ROOT) || equals(DOT_LUSTRE) || equals(DOT_LUSTRE_FID);
  }

  /** Text without brackets, as used for {@code .lustre/fid} entries. */
  public String noBrace() {
    return (seq == 0 ? "0" : "0x" + Long.toHexString(seq))
        + ":0x"
        + Integer.toHexString(oid)
        + ":0x"
        + Integer.toHexString(ver);
  }

  @Override
  public String toString() {
    return "[" + noBrace() + "]";
  }

  /** Parses {@code [0x..:0x..:0x..]} with or without brackets. */
  public static Fid parse(String text) {
    String t = text.trim();
    if (t.startsWith("[")) {
      t = t.substring(1);
    }
    if (t.endsWith("]")) {
      t = t.substring(0, t.length() - 1);
    }
    String[] parts = t.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a FID: " + text);
    }
    return new Fid(hex(parts[0]), (int) hex(parts[1]), (int) hex(parts[2]));
  }

  private static long hex(String s) {
    String v = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    return Long.parseUnsignedLong(v, 16);
  }

  public static Fid read(ByteBuffer b) {
    return new Fid(b.getLong(), b.getInt(), b.getInt());
  }

  public void write(ByteBuffer b) {
    b.putLong(seq).putInt(oid).putInt(ver);
  }
}
