package org.lhsm.bindings;

/**
 * The HSM action pending or running on a file ({@code struct hsm_current_action}).
 *
 * @param state waiting, running, or none
 * @param action the user action ({@link UserAction#NONE} when nothing is pending)
 * @param location requested extent; while running, the length is the bytes done so far
 */
public record HsmCurrentAction(ProgressState state, UserAction action, HsmExtent location) {

  /**
   * True while a request of the file is waiting or running. The action says it, not the state
   * alone: Lustre 2.16 reports a file with no request as {@code WAITING}/{@code NOOP} (the MDT's
   * lookup starts from {@code ARS_WAITING}, which is 0, and keeps it when no record matches).
   */
  public boolean isPending() {
    return action != UserAction.NONE
        && (state == ProgressState.WAITING || state == ProgressState.RUNNING);
  }
}
