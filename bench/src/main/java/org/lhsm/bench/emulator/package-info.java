/**
 * The command-line options that choose the emulator the measurements run against; starting and
 * stopping it, and waiting for its state, is the test kit's ({@code org.lhsm.emulator.testkit}).
 * Nullness: options are null when not given.
 */
package org.lhsm.bench.emulator;
