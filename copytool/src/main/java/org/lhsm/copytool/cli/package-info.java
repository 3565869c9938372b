/**
 * The {@code jhsmtool} command line, option-compatible with lhsmtool_posix: one picocli command
 * holding every option, one class per mode (copytool, import, rebind, max-sequence,
 * archive-upgrade), the YAML config file, pid file, process naming and signals.
 *
 * <p>Threading: modes run on the main thread; the signal handler thread only asks the engine to
 * stop. Nullness: option fields are null when not given, as documented on each.
 */
package org.lhsm.copytool.cli;
