package org.lhsm.agentctl.files;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lhsm.bindings.HsmState;

/** HSM state of a file ({@code lfs hsm_state}): flags and archive id. */
public record FileState(Set<HsmState> flags, int archiveId) {
  /** The flags agentctl shows, in the order {@code lfs hsm_state} prints them. */
  static final List<HsmState> LFS_ORDER =
      List.of(
          HsmState.RELEASED,
          HsmState.EXISTS,
          HsmState.DIRTY,
          HsmState.ARCHIVED,
          HsmState.NORELEASE,
          HsmState.NOARCHIVE,
          HsmState.LOST);

  public FileState {
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
  }

  public boolean has(HsmState f) {
    return flags.contains(f);
  }

  public long mask() {
    return HsmState.toMask(flags);
  }

  /** {@code (0x0000000d) released exists archived, archive_id:1}, in lfs's flag order. */
  public String lfsText() {
    String names =
        LFS_ORDER.stream()
            .filter(flags::contains)
            .map(HsmState::lfsName)
            .collect(Collectors.joining(" "));
    return String.format(
        "(0x%08x)%s, archive_id:%d",
        mask(), names.isEmpty() ? "" : " " + names, Integer.toUnsignedLong(archiveId));
  }
}
