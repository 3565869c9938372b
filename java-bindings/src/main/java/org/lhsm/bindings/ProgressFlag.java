package org.lhsm.bindings;

import java.util.EnumSet;
import java.util.Set;
import org.lhsm.bindings.internal.FlagSets;

/** {@code HP_FLAG_*}: flags of progress and completion reports. */
public enum ProgressFlag {
  /** Final report (set by the kernel on completion; never pass it to progress). */
  COMPLETED(0x1),
  /** The error is transient; the coordinator may requeue the request. */
  RETRY(0x2);

  private final long mask;

  ProgressFlag(long mask) {
    this.mask = mask;
  }

  /** The C bit. */
  public long mask() {
    return mask;
  }

  /** The C bit as an int. */
  public int code() {
    return (int) mask;
  }

  /**
   * @throws IllegalArgumentException unless {@code code} is exactly one known bit
   */
  public static ProgressFlag fromCode(int code) {
    return FlagSets.single(
        ProgressFlag.class, code & 0xffffffffL, ProgressFlag::mask, "progress flag");
  }

  /** The members set in {@code mask}; unknown bits are ignored. */
  public static EnumSet<ProgressFlag> fromMask(long mask) {
    return FlagSets.fromMask(ProgressFlag.class, mask, ProgressFlag::mask);
  }

  /** The OR of the members' bits. */
  public static long toMask(Set<ProgressFlag> flags) {
    return FlagSets.toMask(flags, ProgressFlag::mask);
  }
}
