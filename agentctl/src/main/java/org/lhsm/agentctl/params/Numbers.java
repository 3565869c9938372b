package org.lhsm.agentctl.params;

/** Number forms printed by the kernel's {@code %#llx}, {@code %d} and {@code %llu}. */
final class Numbers {
  private Numbers() {}

  /**
   * Unsigned 64-bit value in C base-0 form: {@code 0x..} hex, leading {@code 0} octal, else
   * decimal. A bare {@code 0} (what {@code %#llx} prints for zero) is zero.
   *
   * @throws NumberFormatException with the offending text
   */
  static long parseU64(String text) {
    String t = text.strip();
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        if (t.length() == 2) {
          throw new NumberFormatException();
        }
        return Long.parseUnsignedLong(t.substring(2), 16);
      }
      if (t.length() > 1 && t.startsWith("0")) {
        return Long.parseUnsignedLong(t.substring(1), 8);
      }
      return Long.parseUnsignedLong(t, 10);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("not a number: '" + text + "'");
    }
  }

  /** Signed or unsigned 32-bit decimal as printed by {@code %d} / {@code %u}. */
  static int parseInt32(String text) {
    try {
      long v = Long.parseLong(text.strip());
      if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new NumberFormatException("not a 32-bit number: '" + text + "'");
    }
  }
}
