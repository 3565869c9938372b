package org.lhsm.emulator.cli;

import java.util.List;

/**
 * The JVM options the daemon runs with when it is started as a process of its own ({@code start}
 * without {@code --foreground}; the test kit's launcher uses the same list).
 *
 * <p>{@code -XX:TieredStopAtLevel=1}: only the C1 compiler. The daemon's work is mostly system
 * calls (stat, socket, fdatasync) and it usually lives seconds to minutes (a test class, a bench
 * round); C2's compilations of its paths cost as much CPU as the work itself in the first tens of
 * thousands of operations, and C2 code is not measurably faster afterwards. Measured with {@code
 * lhsm-bench daemon --requests 10000}: daemon CPU per 1000 archives 0.56 s with the JVM's defaults,
 * 0.37 s with these options (0.38 s and 0.32 s after a 4000-action warm-up).
 *
 * <p>{@code -XX:+UseSerialGC}: a small heap of short-lived objects; no concurrent GC threads.
 */
public final class DaemonJvm {
  /** Options for the {@code java} command line of a daemon process. */
  public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private DaemonJvm() {}
}
