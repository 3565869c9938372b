package org.lhsm.bench.e2e;

import java.util.Map;

/**
 * One timed case of one peer in one round: request (or {@code cp} start) to the flag (or the end of
 * {@code sync}).
 *
 * @param caseName the case, e.g. {@code archive 1 GiB} or {@code archive 10000 x 4 KiB, mr 64}
 * @param peer {@code cp}, {@code jhsmtool} or {@code posix}
 * @param round 1-based
 * @param actions files in the request (1 for the big file)
 * @param bytes data moved
 * @param seconds wall-clock time the user waits
 * @param cpuSeconds the copytool's CPU time (user + system) during the case; null for cp
 * @param peakRssBytes the copytool's peak RSS during the case; null for cp
 * @param phases where the time went as seen from outside (seconds by phase name), empty for cp
 * @param meanInFlight mean of the agent's {@code current:} count while it worked; null for cp
 * @param emulatorCpuSeconds the emulator daemon's CPU time during the case; null for cp
 */
record Sample(
    String caseName,
    String peer,
    int round,
    int actions,
    long bytes,
    double seconds,
    Double cpuSeconds,
    Long peakRssBytes,
    Map<String, Double> phases,
    Double meanInFlight,
    Double emulatorCpuSeconds) {

  static Sample ofCp(String caseName, int round, long bytes, double seconds) {
    return new Sample(
        caseName, Peer.CP, round, 1, bytes, seconds, null, null, Map.of(), null, null);
  }
}
