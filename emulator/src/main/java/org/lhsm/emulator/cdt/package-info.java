/**
 * The coordinator (CDT): agents, dispatch of queued records, active requests, progress and
 * completion handling, timeouts, purge, {@code hsm_control} and the tunables. Not thread-safe:
 * every entry point is called with the daemon lock held; time comes from an injectable {@link
 * org.lhsm.emulator.cdt.Clock}. Arguments are never null.
 */
package org.lhsm.emulator.cdt;
