/**
 * Progress of running HSM requests as the coordinator shows it: the {@code done=} bytes of {@code
 * hsm.active_requests}, which grow each time the copytool reports progress. {@link
 * org.lhsm.agentctl.progress.EtaEstimator} turns successive observations of one request into a rate
 * and an ETA; {@link org.lhsm.agentctl.progress.ProgressTracker} keeps one per request across
 * polls; {@link org.lhsm.agentctl.progress.StuckDetector} finds requests that no longer progress or
 * whose agent is gone. All three are pure: time is passed in, nothing is read here.
 *
 * <p>Threading: instances are mutable and confined to one thread. Nullness: nothing is {@code
 * null}; absence is an {@code Optional}.
 */
package org.lhsm.agentctl.progress;
