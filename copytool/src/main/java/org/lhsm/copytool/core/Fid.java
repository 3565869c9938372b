package org.lhsm.copytool.core;

import java.util.Locale;

/**
 * A Lustre file identifier as the copytool sees it. Kept separate from the bindings' FID so the
 * archive layout code has no dependency on the native layer.
 */
public record Fid(long seq, int oid, int ver) {

  private static final long FID_SEQ_NORMAL = 0x200000400L;
  private static final long FID_SEQ_IGIF = 12L;
  private static final long FID_SEQ_IGIF_MAX = 0xffffffffL;

  /**
   * Parses {@code [0x..:0x..:0x..]} or the same without brackets; each field in any C base (0x hex,
   * leading 0 octal, decimal).
   *
   * @throws IllegalArgumentException naming the input when it is not a FID
   */
  public static Fid parse(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    String[] parts = s.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a FID: '" + text + "'");
    }
    try {
      long seq = parseUnsigned(parts[0], 64);
      long oid = parseUnsigned(parts[1], 32);
      long ver = parseUnsigned(parts[2], 32);
      return new Fid(seq, (int) oid, (int) ver);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a FID: '" + text + "'", e);
    }
  }

  private static long parseUnsigned(String field, int bits) {
    String f = field.strip();
    if (f.isEmpty() || f.startsWith("-") || f.startsWith("+")) {
      throw new NumberFormatException("bad field '" + field + "'");
    }
    long v;
    if (f.startsWith("0x") || f.startsWith("0X")) {
      v = Long.parseUnsignedLong(f.substring(2), 16);
    } else if (f.length() > 1 && f.startsWith("0")) {
      v = Long.parseUnsignedLong(f.substring(1), 8);
    } else {
      v = Long.parseUnsignedLong(f, 10);
    }
    if (bits == 32 && (v >>> 32) != 0) {
      throw new NumberFormatException("field out of range '" + field + "'");
    }
    return v;
  }

  /** True for FIDs of ordinary files (normal sequence range or IGIF), as rebind requires. */
  public boolean isFileFid() {
    boolean normal = Long.compareUnsigned(seq, FID_SEQ_NORMAL) >= 0;
    boolean igif =
        Long.compareUnsigned(seq, FID_SEQ_IGIF) >= 0
            && Long.compareUnsigned(seq, FID_SEQ_IGIF_MAX) <= 0;
    return normal || igif;
  }

  /** {@code 0x200000401:0x5:0x0}: seq printed like C {@code %#llx} (so 0 is {@code 0}). */
  public String toNoBraceString() {
    String seqText = seq == 0 ? "0" : "0x" + Long.toHexString(seq);
    return String.format(
        Locale.ROOT, "%s:0x%s:0x%s", seqText, Integer.toHexString(oid), Integer.toHexString(ver));
  }

  @Override
  public String toString() {
    return "[" + toNoBraceString() + "]";
  }
}
