package org.lhsm.agentctl.files;

import java.util.EnumSet;
import java.util.Set;

/** File HSM flags ({@code enum hsm_states}) with their {@code lfs hsm_state} names. */
public enum HsmFlag {
  EXISTS(0x1, "exists"),
  DIRTY(0x2, "dirty"),
  RELEASED(0x4, "released"),
  ARCHIVED(0x8, "archived"),
  NORELEASE(0x10, "never_release"),
  NOARCHIVE(0x20, "never_archive"),
  LOST(0x40, "lost_from_hsm");

  private final long mask;
  private final String lfsName;

  HsmFlag(long mask, String lfsName) {
    this.mask = mask;
    this.lfsName = lfsName;
  }

  public long mask() {
    return mask;
  }

  public String lfsName() {
    return lfsName;
  }

  public static EnumSet<HsmFlag> fromMask(long mask) {
    EnumSet<HsmFlag> out = EnumSet.noneOf(HsmFlag.class);
    for (HsmFlag f : values()) {
      if ((mask & f.mask) != 0) {
        out.add(f);
      }
    }
    return out;
  }

  public static long toMask(Set<HsmFlag> flags) {
    long m = 0;
    for (HsmFlag f : flags) {
      m |= f.mask;
    }
    return m;
  }
}
