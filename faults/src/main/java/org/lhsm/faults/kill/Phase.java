package org.lhsm.faults.kill;

import java.util.List;

/** Where a copytool kill lands: a named fault point, or a random instant. */
record Phase(String name, int nth, long delayMillis) {
  /**
   * The fault points of {@code org.lhsm.copytool.core.FaultPoints}, in the order an archive passes
   * them.
   */
  static final List<String> POINTS =
      List.of("begin", "copy", "fsync", "rename", "dirsync", "end", "end/remove", "copy/restore");

  static Phase point(String name, int nth) {
    return new Phase(name, nth, 0);
  }

  static Phase instant(long delayMillis) {
    return new Phase("instant", 0, delayMillis);
  }

  /** What the copytool prints when it stops there. */
  String marker() {
    return "FAULT-POINT " + name.replace('/', ' ');
  }

  boolean isPoint() {
    return !name.equals("instant");
  }

  /** The JVM option that makes the copytool stop there. */
  String jvmOption() {
    return "-Djhsmtool.test.pauseAt=" + name + ":" + nth;
  }

  @Override
  public String toString() {
    return isPoint() ? name + "#" + nth : "instant+" + delayMillis + "ms";
  }
}
