package org.lhsm.bindings;

/**
 * The HSM action pending or running on a file ({@code struct hsm_current_action}).
 *
 * @param state waiting, running, or none
 * @param action the user action ({@link UserAction#NONE} when nothing is pending)
 * @param location requested extent; while running, the length is the bytes done so far
 */
public record HsmCurrentAction(ProgressState state, UserAction action, HsmExtent location) {}
