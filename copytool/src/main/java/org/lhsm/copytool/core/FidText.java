package org.lhsm.copytool.core;

import org.lhsm.bindings.Fid;

/**
 * The FID grammar of jhsmtool's operands and list files ({@code --rebind}, {@code --import}, the
 * archive tree): {@code [0x..:0x..:0x..]} or the same without brackets, whitespace around the text
 * and around each field ignored, each field in any C base (0x hex, leading 0 octal, decimal). It is
 * more forgiving of spaces than {@link Fid#parse}, which follows {@code llapi_fid_parse}.
 */
public final class FidText {
  private FidText() {}

  /**
   * Parses one FID.
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
}
