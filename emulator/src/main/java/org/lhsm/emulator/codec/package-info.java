/**
 * Little-endian encoders and decoders for the C structures exchanged with the emulation library
 * (lu_fid, hsm_action_item/list, hsm_user_request, hsm_copy, hsm_progress, KUC frames). Pure
 * functions and immutable records: thread-safe. No null arguments are accepted.
 */
package org.lhsm.emulator.codec;
