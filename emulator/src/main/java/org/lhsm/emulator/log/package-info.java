/**
 * The persistent request log ({@code hsm_actions} llog equivalent): an append-only text file,
 * fsynced before a change is acknowledged, replayed at start (last entry per index wins) and
 * compacted when finished records are purged. Not thread-safe: callers hold the daemon lock.
 */
package org.lhsm.emulator.log;
