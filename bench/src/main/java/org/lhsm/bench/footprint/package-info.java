/**
 * {@code lhsm-bench footprint} and {@code startup}: a copytool ({@code jhsmtool} through its
 * launcher, or Lustre's {@code lhsmtool_posix}) as a child process against the emulator, its memory
 * sampled from {@code /proc/<pid>/status} while it archives many small files or a few large ones at
 * once, and its time from start to registered (the emulator's {@code hsm.agents} lists it). See
 * bench/README.md.
 *
 * <p>Threading: a command runs on one thread; {@link org.lhsm.bench.footprint.RssSampler} samples
 * on its own daemon thread. Nullness: no nulls unless documented.
 */
package org.lhsm.bench.footprint;
