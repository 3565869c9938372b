/**
 * {@code e2e}: what a user waits for, from the HSM request to the flag, with the copytools as
 * deployed (child processes on the emulator: jhsmtool through its launcher, a stock {@code
 * lhsmtool_posix} when given) and {@code cp} + {@code sync} for the big file, in interleaved
 * rounds. Everything is observed from outside: {@code hsm/agents} for registration and the phase
 * split, the file's HSM flags through the bindings, {@code /proc} for the copytool's CPU and peak
 * RSS.
 *
 * <p>Threading: one thread. Nullness: the copytool-only fields of a sample are null for {@code cp};
 * nothing else is null unless documented.
 */
package org.lhsm.bench.e2e;
