package org.lhsm.bindings;

import java.util.EnumSet;
import java.util.Set;
import org.lhsm.bindings.internal.FlagSets;

/** {@code enum hsm_states}: per-file HSM state flags. */
public enum HsmState {
  EXISTS(0x1, "exists"),
  DIRTY(0x2, "dirty"),
  RELEASED(0x4, "released"),
  ARCHIVED(0x8, "archived"),
  NORELEASE(0x10, "never_release"),
  NOARCHIVE(0x20, "never_archive"),
  LOST(0x40, "lost_from_hsm"),
  /** PCC read-write (2.16+). */
  PCCRW(0x80, "pccrw"),
  /** PCC read-only (2.16+). */
  PCCRO(0x100, "pccro");

  /** {@code HSM_USER_MASK}: the flags any user with write access may change. */
  public static final long USER_MASK = 0x32;

  /**
   * {@code HSM_STATUS_MASK} (2.16+, includes the PCC bits): root-only status flags. Before 2.16 the
   * C value is 0x4d; Java does not check requests against it (the client kernel and the MDT check
   * with their own version's mask, EINVAL), so it keeps the newest value.
   */
  public static final long STATUS_MASK = 0x1cd;

  private final long mask;
  private final String lfsName;

  HsmState(long mask, String lfsName) {
    this.mask = mask;
    this.lfsName = lfsName;
  }

  /**
   * The word {@code lfs hsm_state} prints for this flag ({@code released}, {@code never_archive},
   * ...). The PCC flags have no lfs word; they use their lower-case constant name.
   */
  public String lfsName() {
    return lfsName;
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
  public static HsmState fromCode(int code) {
    return FlagSets.single(HsmState.class, code & 0xffffffffL, HsmState::mask, "HSM state flag");
  }

  /** The members set in {@code mask}; unknown bits are ignored. */
  public static EnumSet<HsmState> fromMask(long mask) {
    return FlagSets.fromMask(HsmState.class, mask, HsmState::mask);
  }

  /** The OR of the members' bits. */
  public static long toMask(Set<HsmState> flags) {
    return FlagSets.toMask(flags, HsmState::mask);
  }
}
