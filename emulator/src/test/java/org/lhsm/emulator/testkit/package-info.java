/**
 * The test kit: the one way to start an emulated filesystem ({@link
 * org.lhsm.emulator.testkit.EmulatorLauncher}: a child JVM by default, in-process on a manual clock
 * for the emulator's own time-driven tests; {@link org.lhsm.emulator.testkit.EmulatorExtension} for
 * JUnit), the one deadline-based wait ({@link org.lhsm.emulator.testkit.Await}) and child processes
 * owned by a test ({@link org.lhsm.emulator.testkit.ChildProcess}). Shipped as the emulator's test
 * jar ({@code lhsm-emulator:tests}); every module's end-to-end tests and the bench use it.
 *
 * <p>Threading: a launcher, emulator or child process is used by one thread; {@code close()} is
 * idempotent and also runs from a shutdown hook for child processes. Nullness: arguments are never
 * null; return values are never null.
 */
package org.lhsm.emulator.testkit;
