/**
 * The {@code lhsm-emulator} command line: start (foreground or detached), stop and mount. Prints
 * for humans on stdout, errors on stderr, distinct exit codes ({@link
 * org.lhsm.emulator.cli.ExitCodes}). Single-threaded. Arguments are never null.
 */
package org.lhsm.emulator.cli;
