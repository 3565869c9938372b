/**
 * The emulator as the measurements use it: located in this source tree (or given), started as a
 * child process in a directory whose socket path fits {@code sun_path}, stopped by PID; waiting for
 * state that lives in it.
 *
 * <p>Threading: an {@link org.lhsm.bench.emulator.EmulatorProcess} is used by one thread; its
 * {@code close()} may also run in a shutdown hook (idempotent). Nullness: no nulls unless
 * documented.
 */
package org.lhsm.bench.emulator;
