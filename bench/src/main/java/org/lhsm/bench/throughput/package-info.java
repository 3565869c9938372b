/**
 * {@code throughput}: jhsmtool's archive and restore data path ({@link
 * org.lhsm.copytool.posix.PosixArchiveBackend} driven as the engine drives it, through an {@link
 * org.lhsm.copytool.core.ActionHandle} of the harness's own) against {@code cp} on the same disk,
 * alternating in rounds. Every timed copy ends with its output on disk: jhsmtool's archive fsyncs
 * its file and directory itself and {@code cp} is charged {@code sync FILE DIR} for the same; a
 * restore ends with the fsync that {@code llapi_hsm_action_end} does on the volatile file, and
 * {@code cp} back is charged {@code sync FILE}.
 *
 * <p>Threading: one measurement at a time on the calling thread. Nullness: no nulls unless
 * documented.
 */
package org.lhsm.bench.throughput;
