/**
 * The persistent request log ({@code hsm_actions} llog equivalent): an append-only text file whose
 * lines are durable (group commit, {@link org.lhsm.emulator.journal}) before a change is
 * acknowledged, replayed at start (last entry per index wins) and compacted when its history
 * outweighs the live records; the live records indexed for dispatch, timeouts, purge and the
 * request rules. Not thread-safe: callers hold the daemon lock.
 */
package org.lhsm.emulator.log;
