package org.lhsm.agentctl.files;

import org.lhsm.agentctl.params.Extent;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.ProgressState;

/** A file's current HSM action ({@code lfs hsm_action}); NOOP/NONE when nothing is pending. */
public record FileAction(ProgressState progress, CopytoolAction action, Extent location) {
  public static final FileAction NONE =
      new FileAction(ProgressState.NONE, CopytoolAction.NONE, new Extent(0, 0));

  public boolean isPending() {
    return (progress == ProgressState.WAITING || progress == ProgressState.RUNNING)
        && action != CopytoolAction.NONE;
  }
}
