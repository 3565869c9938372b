package org.lhsm.agentctl.files;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** HSM state of a file ({@code lfs hsm_state}): flags and archive id. */
public record FileState(Set<HsmFlag> flags, int archiveId) {
  public FileState {
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
  }

  public boolean has(HsmFlag f) {
    return flags.contains(f);
  }

  public long mask() {
    return HsmFlag.toMask(flags);
  }

  /** {@code (0x0000000d) released exists archived, archive_id:1}, in lfs's flag order. */
  public String lfsText() {
    String names =
        java.util.stream.Stream.of(
                HsmFlag.RELEASED,
                HsmFlag.EXISTS,
                HsmFlag.DIRTY,
                HsmFlag.ARCHIVED,
                HsmFlag.NORELEASE,
                HsmFlag.NOARCHIVE,
                HsmFlag.LOST)
            .filter(flags::contains)
            .map(HsmFlag::lfsName)
            .collect(Collectors.joining(" "));
    return String.format(
        "(0x%08x)%s, archive_id:%d",
        mask(), names.isEmpty() ? "" : " " + names, Integer.toUnsignedLong(archiveId));
  }
}
