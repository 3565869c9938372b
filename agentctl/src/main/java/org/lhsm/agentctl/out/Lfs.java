package org.lhsm.agentctl.out;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;

/** The bindings' values as {@code lfs} and the kernel print them. */
public final class Lfs {
  /** The flags agentctl shows, in the order {@code lfs hsm_state} prints them (no PCC bits). */
  static final List<HsmState> ORDER =
      List.of(
          HsmState.RELEASED,
          HsmState.EXISTS,
          HsmState.DIRTY,
          HsmState.ARCHIVED,
          HsmState.NORELEASE,
          HsmState.NOARCHIVE,
          HsmState.LOST);

  private Lfs() {}

  /** The flags of {@code s} agentctl shows (the PCC bits dropped). */
  public static Set<HsmState> shown(HsmUserState s) {
    EnumSet<HsmState> out = s.states();
    out.retainAll(ORDER);
    return out;
  }

  /** The mask of the {@link #shown} flags. */
  public static long mask(HsmUserState s) {
    return HsmState.toMask(shown(s));
  }

  /** {@code (0x0000000d) released exists archived, archive_id:1}, in lfs's flag order. */
  public static String state(HsmUserState s) {
    Set<HsmState> shown = shown(s);
    String names =
        ORDER.stream()
            .filter(shown::contains)
            .map(HsmState::lfsName)
            .collect(Collectors.joining(" "));
    return String.format(
        Locale.ROOT,
        "(0x%08x)%s, archive_id:%d",
        mask(s),
        names.isEmpty() ? "" : " " + names,
        Integer.toUnsignedLong(s.archiveId()));
  }

  /** {@code 0x0-0xffffffffffffffff}: offset and length as the kernel prints an extent. */
  public static String extent(HsmExtent e) {
    return "0x" + Long.toHexString(e.offset()) + "-0x" + Long.toHexString(e.length());
  }
}
