/**
 * The coordinator (CDT). {@link org.lhsm.emulator.cdt.Coordinator} is the entry point the daemon
 * calls; it hands each call to the part that owns it, and all parts share one {@code
 * CoordinatorState} (filesystem model, request log, agents, active requests, tunables, {@code
 * hsm_control} state, cookie counter):
 *
 * <ul>
 *   <li>{@code Control}: coordinator start (recovery at daemon start), {@code hsm_control}
 *       commands, purge;
 *   <li>{@code Registration}: copytool register/unregister, dead event connections, shutdown
 *       frames;
 *   <li>{@code RequestAdmission}: user requests checked and queued (release executed at once);
 *   <li>{@code Dispatcher}: WAITING records packed into action lists and sent to agents;
 *   <li>{@code CopyLifecycle}: copy start, progress, copy end and completion, current action;
 *   <li>{@code Housekeeping}: the periodic scan (deleted files and RAoLU, timeouts, grace purge);
 *   <li>{@link org.lhsm.emulator.cdt.Tunables} and {@code ParamsRenderer}: the {@code hsm.*}
 *       parameters, their validation and their file formats.
 * </ul>
 *
 * <p>Not thread-safe: every entry point is called with the daemon lock held; time comes from an
 * injectable {@link org.lhsm.emulator.cdt.Clock}. Arguments are never null.
 */
package org.lhsm.emulator.cdt;
