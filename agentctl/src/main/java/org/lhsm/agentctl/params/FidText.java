package org.lhsm.agentctl.params;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lhsm.bindings.Fid;

/**
 * agentctl's text forms of a bindings {@link Fid}. Two differences from {@link Fid#parse} and
 * {@link Fid#toString} are kept on purpose: parsing accepts a sequence of {@code
 * 0xffffffffffffffff} and blanks inside the brackets, and printing writes a zero sequence as {@code
 * 0x0} (not {@code 0}), so agentctl's input and output stay what they were.
 */
public final class FidText {
  private static final Pattern FORM =
      Pattern.compile("\\[?\\s*([^:\\[\\]\\s]+):([^:\\[\\]\\s]+):([^:\\[\\]\\s]+)\\s*]?");

  private FidText() {}

  /** True when the text is meant as a FID (bracketed, or three 0x-numbers separated by ':'). */
  public static boolean looksLikeFid(String text) {
    String t = text.strip();
    return t.startsWith("[") || t.matches("0[xX][0-9a-fA-F]+:.*");
  }

  /**
   * Parses {@code [0x200000401:0x1:0x0]}, with or without brackets; each number in C {@code
   * strtoull} base-0 form (0x hex, leading-0 octal, decimal).
   *
   * @throws IllegalArgumentException naming the input when it is not a FID
   */
  public static Fid parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("bad FID '" + text + "': expected [0xSEQ:0xOID:0xVER]");
    }
    try {
      long seq = Numbers.parseU64(m.group(1));
      long oid = Numbers.parseU64(m.group(2));
      long ver = Numbers.parseU64(m.group(3));
      if (Long.compareUnsigned(oid, 0xffffffffL) > 0
          || Long.compareUnsigned(ver, 0xffffffffL) > 0) {
        throw new IllegalArgumentException("bad FID '" + text + "': OID and VER must fit 32 bits");
      }
      return new Fid(seq, (int) oid, (int) ver);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad FID '" + text + "': " + e.getMessage(), e);
    }
  }

  /** Form used by the kernel and {@code lfs}: {@code [0x200000401:0x1:0x0]}. */
  public static String text(Fid fid) {
    return "[" + noBrace(fid) + "]";
  }

  /** {@link #text} without the brackets, as under {@code .lustre/fid/}. */
  public static String noBrace(Fid fid) {
    return hex(fid.seq())
        + ":"
        + hex(Integer.toUnsignedLong(fid.oid()))
        + ":"
        + hex(Integer.toUnsignedLong(fid.ver()));
  }

  private static String hex(long v) {
    return v == 0 ? "0x0" : "0x" + Long.toHexString(v);
  }
}
