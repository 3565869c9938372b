/**
 * Little-endian encoders and decoders for the C structures exchanged with the emulation library
 * (lu_fid, hsm_action_item/list, hsm_user_request, hsm_user_state, hsm_current_action, hsm_copy,
 * hsm_progress, hsm_user_import, KUC frames), the HSM constants and the errno values the daemon
 * answers with.
 *
 * <p>This is deliberately a second mirror of the ABI, independent of {@code java-bindings}: the
 * emulator models the kernel side (MDT and client kernel) and must not share code with the
 * user-space side it is used to test, so that a mistake in one is caught by the other instead of
 * being copied into both. Both mirrors are checked against the same C declaration ({@code
 * native/include/lhsm_hsm_abi.h}) through the probe of {@code native/probe}: here by {@code
 * CodecAbiTest}, in the bindings by {@code AbiLayoutTest}.
 *
 * <p>Pure functions and immutable records: thread-safe. No null arguments are accepted.
 */
package org.lhsm.emulator.codec;
