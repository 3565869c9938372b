package org.lhsm.bindings;

import java.util.EnumSet;

/**
 * A file's HSM state ({@code hus_states}, {@code hus_archive_id} of {@code struct hsm_user_state}).
 *
 * @param states the flags set on the file
 * @param archiveId the archive id recorded on the file (0 = none)
 */
public record HsmUserState(EnumSet<HsmState> states, int archiveId) {
  public HsmUserState {
    states = states.isEmpty() ? EnumSet.noneOf(HsmState.class) : EnumSet.copyOf(states);
  }

  @Override
  public EnumSet<HsmState> states() {
    return states.clone();
  }
}
