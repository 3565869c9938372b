package org.lhsm.agentctl.files;

import org.lhsm.agentctl.params.Extent;
import org.lhsm.agentctl.params.HsmActionName;

/** A file's current HSM action ({@code lfs hsm_action}); NOOP/NONE when nothing is pending. */
public record FileAction(ActionProgress progress, HsmActionName action, Extent location) {
  public static final FileAction NONE =
      new FileAction(ActionProgress.NONE, HsmActionName.NOOP, new Extent(0, 0));

  public boolean isPending() {
    return progress.isPending() && action != HsmActionName.NOOP;
  }
}
