package org.lhsm.bench.daemon;

import java.util.List;

/** One round's figures of {@link DaemonCommand}. */
record DaemonRound(
    int number,
    double fidSeconds,
    double queueSeconds,
    double drainSeconds,
    double queueCpuSeconds,
    double drainCpuSeconds,
    double agentCpuSeconds,
    long ended,
    long failed,
    long lists,
    long succeedRecords,
    long emulatorPid,
    List<Double> loadBefore,
    List<Double> loadAfter) {

  double actionsPerSec() {
    return (ended + failed) / drainSeconds;
  }

  double cpuPer1000Actions() {
    return drainCpuSeconds * 1000 / (ended + failed);
  }
}
