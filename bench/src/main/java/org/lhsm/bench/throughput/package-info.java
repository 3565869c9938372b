/**
 * {@code throughput}: jhsmtool's archive and restore data path against {@code cp} on the same disk,
 * alternating in rounds. {@code jhsmtool-*} is the copytool as deployed: the engine and {@link
 * org.lhsm.copytool.posix.PosixArchiveBackend} on a copytool registered with the emulator, copying
 * through liblustreapi's descriptors and the bindings' data channel ({@link
 * org.lhsm.bench.throughput.EngineSession}). {@code backend-*} is the backend alone, driven through
 * an {@link org.lhsm.copytool.core.ActionHandle} of the harness's own on JDK file channels. Every
 * timed copy ends with its output on disk: jhsmtool's archive fsyncs its file and directory itself
 * and {@code cp} is charged {@code sync FILE DIR} for the same; a restore ends with the fsync that
 * {@code llapi_hsm_action_end} does on the volatile file, and {@code cp} back is charged {@code
 * sync FILE}.
 *
 * <p>Threading: the measurement runs on the calling thread; the engine's receive loop and worker
 * are its own threads, observed through thread-safe decorators. Nullness: no nulls unless
 * documented.
 */
package org.lhsm.bench.throughput;
