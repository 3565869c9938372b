/**
 * {@code bandwidth}: the real copytool (Engine, PosixArchiveBackend, BindingsLustreAccess through
 * JNA) in this JVM with a bandwidth limit, against the emulator started as a child process. The
 * backend is wrapped so that every chunk the data mover reports is time-stamped; the report
 * compares the bytes copied over the whole window and over 1-second windows with the limit.
 *
 * <p>Threading: the engine runs its receive loop on a harness thread and copies on its own workers;
 * {@link org.lhsm.bench.bandwidth.ByteTimeline} is thread-safe; everything else runs on the calling
 * thread. Nullness: no nulls unless documented.
 */
package org.lhsm.bench.bandwidth;
