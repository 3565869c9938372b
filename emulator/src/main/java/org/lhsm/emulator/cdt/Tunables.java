package org.lhsm.emulator.cdt;

import java.util.Locale;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmException;

/** The writable {@code hsm.*} tunables with the MDT's validation and text formats. */
public final class Tunables {
  public static final int POLICY_NBR = 0x1;
  public static final int POLICY_NRA = 0x2;
  static final int[] MASK_ACTIONS = {
    Hsm.HSMA_NONE, Hsm.HSMA_ARCHIVE, Hsm.HSMA_RESTORE, Hsm.HSMA_REMOVE, Hsm.HSMA_CANCEL
  };

  long maxRequests = 3;
  long loopPeriod = 10;
  long graceDelay = 60;
  long activeRequestTimeout = 3600;
  long defaultArchiveId = 1;
  boolean removeArchiveOnLastUnlink;
  int policy = POLICY_NRA;
  long userMask = 1L << Hsm.HSMA_RESTORE;
  long groupMask = 1L << Hsm.HSMA_RESTORE;
  long otherMask = 1L << Hsm.HSMA_RESTORE;

  /** Reset done at every coordinator start. */
  void resetOnStart() {
    policy = POLICY_NRA;
    userMask = groupMask = otherMask = 1L << Hsm.HSMA_RESTORE;
  }

  public long maxRequests() {
    return maxRequests;
  }

  public long loopPeriod() {
    return loopPeriod;
  }

  public long graceDelay() {
    return graceDelay;
  }

  public long activeRequestTimeout() {
    return activeRequestTimeout;
  }

  public int policy() {
    return policy;
  }

  static String policyText(int policy) {
    String nbr = "NonBlockingRestore";
    String nra = "NoRetryAction";
    return ((policy & POLICY_NBR) != 0 ? "[" + nbr + "]" : nbr)
        + " "
        + ((policy & POLICY_NRA) != 0 ? "[" + nra + "]" : nra);
  }

  static String maskText(long mask) {
    StringBuilder sb = new StringBuilder();
    for (int a : MASK_ACTIONS) {
      if ((mask & (1L << a)) != 0) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(Hsm.actionName(a));
      }
    }
    return sb.toString();
  }

  static long parseMask(String text) throws HsmException {
    long mask = 0;
    for (String tok : text.trim().split("\\s+")) {
      if (tok.isEmpty()) {
        continue;
      }
      boolean found = false;
      for (int a : MASK_ACTIONS) {
        if (Hsm.actionName(a).equalsIgnoreCase(tok)) {
          mask |= 1L << a;
          found = true;
        }
      }
      if (!found) {
        throw new HsmException(Errno.EINVAL, "unknown action '" + tok + "' in request mask");
      }
    }
    return mask;
  }

  static int parsePolicy(String text, int current) throws HsmException {
    String[] toks = text.trim().split("\\s+");
    boolean incremental = false;
    for (String t : toks) {
      if (t.startsWith("+") || t.startsWith("-")) {
        incremental = true;
      }
    }
    int result = incremental ? current : 0;
    for (String t : toks) {
      if (t.isEmpty()) {
        continue;
      }
      char sign = t.charAt(0);
      String name = (sign == '+' || sign == '-') ? t.substring(1) : t;
      int bit =
          switch (name.toLowerCase(Locale.ROOT)) {
            case "nonblockingrestore", "nbr" -> POLICY_NBR;
            case "noretryaction", "nra" -> POLICY_NRA;
            default -> throw new HsmException(Errno.EINVAL, "unknown policy '" + name + "'");
          };
      result = sign == '-' ? result & ~bit : result | bit;
    }
    return result;
  }

  static long parsePositive(String name, String text, long max) throws HsmException {
    long v;
    try {
      v = Long.parseUnsignedLong(text.trim());
    } catch (NumberFormatException e) {
      throw new HsmException(Errno.EINVAL, name + ": '" + text.trim() + "' is not a number");
    }
    if (v == 0 || Long.compareUnsigned(v, max) > 0) {
      throw new HsmException(Errno.EINVAL, name + ": " + text.trim() + " out of range");
    }
    return v;
  }

  static boolean parseBool(String name, String text) throws HsmException {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "1", "y", "yes", "on", "true" -> true;
      case "0", "n", "no", "off", "false" -> false;
      default -> throw new HsmException(Errno.EINVAL, name + ": '" + text.trim() + "' not boolean");
    };
  }
}
