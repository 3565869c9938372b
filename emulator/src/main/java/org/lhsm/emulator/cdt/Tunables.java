package org.lhsm.emulator.cdt;

import java.util.List;
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

  /** Names of the writable tunables, relative to {@code mdt/<fs>-MDT0000/}. */
  static final List<String> WRITABLE =
      List.of(
          "hsm/max_requests",
          "hsm/loop_period",
          "hsm/grace_delay",
          "hsm/active_request_timeout",
          "hsm/default_archive_id",
          "hsm/policy",
          "hsm/user_request_mask",
          "hsm/group_request_mask",
          "hsm/other_request_mask",
          "hsm/remove_archive_on_last_unlink");

  private long maxRequests = 3;
  private long loopPeriod = 10;
  private long graceDelay = 60;
  private long activeRequestTimeout = 3600;
  private long defaultArchiveId = 1;
  private boolean removeArchiveOnLastUnlink;
  private int policy = POLICY_NRA;
  private long userMask = 1L << Hsm.HSMA_RESTORE;
  private long groupMask = 1L << Hsm.HSMA_RESTORE;
  private long otherMask = 1L << Hsm.HSMA_RESTORE;

  private long version;

  /** Moves whenever a tunable is set or reset. */
  long version() {
    return version;
  }

  /** Reset done at every coordinator start. */
  void resetOnStart() {
    version++;
    policy = POLICY_NRA;
    userMask = groupMask = otherMask = 1L << Hsm.HSMA_RESTORE;
  }

  /** Sets {@code hsm/<name>} (already trimmed) with the MDT's validation. */
  void set(String name, String v) throws HsmException {
    version++;
    switch (name) {
      case "hsm/max_requests" -> maxRequests = parsePositive(name, v, Long.MAX_VALUE);
      case "hsm/loop_period" -> loopPeriod = parsePositive(name, v, 0xffffffffL);
      case "hsm/grace_delay" -> graceDelay = parsePositive(name, v, 0xffffffffL);
      case "hsm/active_request_timeout" ->
          activeRequestTimeout = parsePositive(name, v, 0xffffffffL);
      case "hsm/default_archive_id" -> defaultArchiveId = parsePositive(name, v, 0xffffffffL);
      case "hsm/policy" -> policy = parsePolicy(v, policy);
      case "hsm/user_request_mask" -> userMask = parseMask(v);
      case "hsm/group_request_mask" -> groupMask = parseMask(v);
      case "hsm/other_request_mask" -> otherMask = parseMask(v);
      case "hsm/remove_archive_on_last_unlink" -> removeArchiveOnLastUnlink = parseBool(name, v);
      default -> throw new HsmException(Errno.EINVAL, "parameter " + name + " is not writable");
    }
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

  /** Whether a policy bit ({@link #POLICY_NBR}, {@link #POLICY_NRA}) is set. */
  boolean hasPolicy(int bit) {
    return (policy & bit) != 0;
  }

  long defaultArchiveId() {
    return defaultArchiveId;
  }

  boolean removeArchiveOnLastUnlink() {
    return removeArchiveOnLastUnlink;
  }

  /** Actions ({@code 1 << HSMA_*}) a non-root owner of the file may request. */
  long userMask() {
    return userMask;
  }

  /** Actions a non-root member of the file's group may request. */
  long groupMask() {
    return groupMask;
  }

  /** Actions any other non-root user may request. */
  long otherMask() {
    return otherMask;
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
