package org.lhsm.bindings;

import java.util.EnumSet;
import java.util.Set;
import org.lhsm.bindings.internal.FlagSets;

/** {@code HSM_*} request flags ({@code hr_flags}, {@code hal_flags}). */
public enum RequestFlag {
  /** {@code HSM_FORCE_ACTION}: skip the "is it needed" check on the MDT. */
  FORCE_ACTION(0x1),
  /** {@code HSM_GHOST_COPY}: reserved. */
  GHOST_COPY(0x2),
  /** {@code HSM_REQ_BLOCKING} (2.17+): an implicit restore triggered by file access. */
  BLOCKING(0x4);

  private final long mask;

  RequestFlag(long mask) {
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
  public static RequestFlag fromCode(int code) {
    return FlagSets.single(
        RequestFlag.class, code & 0xffffffffL, RequestFlag::mask, "request flag");
  }

  /** The members set in {@code mask}; unknown bits are ignored. */
  public static EnumSet<RequestFlag> fromMask(long mask) {
    return FlagSets.fromMask(RequestFlag.class, mask, RequestFlag::mask);
  }

  /** The OR of the members' bits. */
  public static long toMask(Set<RequestFlag> flags) {
    return FlagSets.toMask(flags, RequestFlag::mask);
  }
}
