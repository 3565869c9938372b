/**
 * The copytool engine: one receive thread, a bounded worker pool fed by a priority queue with
 * backpressure, cancellation, progress cadence, a shared bandwidth limit and graceful shutdown.
 * Written only against {@code org.lhsm.copytool.core} interfaces.
 *
 * <p>Threading: {@link org.lhsm.copytool.engine.Engine#run()} runs on the caller's thread (the
 * receive thread); workers are daemon threads owned by the engine; {@link
 * org.lhsm.copytool.engine.Engine#shutdown()} may be called from any thread (signal handler).
 * Nullness: no nulls unless documented.
 */
package org.lhsm.copytool.engine;
