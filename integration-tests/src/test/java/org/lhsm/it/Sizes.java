package org.lhsm.it;

import org.lhsm.emulator.testkit.Await;

/**
 * Sizes of the "big" files that keep a throttled copytool busy. The copy time is set by the
 * copytool's bandwidth limit, so it is scaled like the deadlines: on a slow VM the window in which
 * a test acts on work in flight grows with everything else.
 */
final class Sizes {
  /** {@code --bandwidth} of throttled copytools, MiB/s. */
  static final String BANDWIDTH = "2M";

  private Sizes() {}

  /** About {@code seconds} of copying at {@link #BANDWIDTH}, times the timeout scale. */
  static long busyFor(int seconds) {
    return (long) (seconds * 2L * 1024 * 1024 * Math.max(1, Await.scale()));
  }
}
