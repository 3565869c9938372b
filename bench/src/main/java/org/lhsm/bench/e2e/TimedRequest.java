package org.lhsm.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lhsm.bench.report.ProcStat;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmClient;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserRequest;
import org.lhsm.bindings.RequestFlag;
import org.lhsm.bindings.UserAction;

/**
 * One user request timed from outside, as a user waits for it: from the {@code llapi_hsm_request}
 * call to the poll that sees the last file's flag. Meanwhile the copytool's {@code hsm/agents} line
 * is polled for the phase split: the first poll with an action in flight or done (dispatch), and
 * the one where all are counted done (end). The daemon rewrites that file at its wake-ups, so a
 * boundary is seen up to one wake-up late; both are clamped to the flag.
 */
final class TimedRequest {
  /** Phase names, in order: they add up to the sample's seconds. */
  static final List<String> PHASES = List.of("submit", "queue", "run", "flag");

  // flags checked per poll: few enough that a 10,000-file poll stays short
  private static final int FLAG_CHECKS_PER_POLL = 64;
  private static final int ARCHIVE_ID = 1;

  private TimedRequest() {}

  /** The flag an archive waits for. */
  static boolean archived(Set<HsmState> s) {
    return s.contains(HsmState.ARCHIVED) && !s.contains(HsmState.DIRTY);
  }

  /** The flag a restore waits for. */
  static boolean restored(Set<HsmState> s) {
    return !s.contains(HsmState.RELEASED);
  }

  /** Sends {@code action} for {@code files} and waits for {@code reached} on every one. */
  static Sample run(
      String caseName,
      String peer,
      int round,
      CopytoolProcess ct,
      UserAction action,
      List<Path> files,
      List<Fid> fids,
      long bytes,
      Predicate<Set<HsmState>> reached)
      throws IOException {
    int n = files.size();
    Duration period = Duration.ofMillis(n == 1 ? 2 : 10);
    Duration timeout = Duration.ofSeconds(300 + n / 2 + bytes / 10_000_000);
    long pid = ct.pid();
    ProcStat.resetPeak(pid);
    double cpu0 = ProcStat.cpuSeconds(pid);
    double emuCpu0 = ProcStat.cpuSeconds(ct.emulatorPid());
    AgentLine base = ct.counters();
    Deque<Path> pending = new ArrayDeque<>(files);
    long[] at = {-1, -1, -1}; // dispatch, end, flag
    double[] inFlight = {0, 0}; // sum of current:, polls

    long t0 = System.nanoTime();
    HsmClient.request(
        files.get(0),
        new HsmUserRequest(action, ARCHIVE_ID, EnumSet.noneOf(RequestFlag.class), fids, null));
    long submitted = System.nanoTime();
    Poll.every(
        period,
        timeout,
        caseName + " by " + peer,
        now -> {
          AgentLine c = ct.counters();
          if (c.errors() > base.errors()) {
            throw new IOException(
                (c.errors() - base.errors()) + " " + action + " actions failed for " + peer);
          }
          if (at[0] < 0 && (c.current() > 0 || c.done() > base.done())) {
            at[0] = now;
          }
          if (at[0] >= 0 && at[1] < 0) {
            inFlight[0] += c.current();
            inFlight[1]++;
          }
          if (at[1] < 0 && c.done() - base.done() >= n) {
            at[1] = now;
          }
          for (int i = 0; i < FLAG_CHECKS_PER_POLL && !pending.isEmpty(); i++) {
            if (!reached.test(HsmClient.state(pending.peekFirst()).states())) {
              break;
            }
            pending.removeFirst();
          }
          if (pending.isEmpty()) {
            at[2] = now;
            return true;
          }
          return false;
        });
    double cpu = ProcStat.cpuSeconds(pid) - cpu0;
    double emuCpu = ProcStat.cpuSeconds(ct.emulatorPid()) - emuCpu0;
    long peak = ProcStat.peakRssBytes(pid);
    long flag = at[2];
    // clamped so that the phases add up to the total: submitted <= dispatch <= end <= flag
    long dispatch = clamp(at[0] < 0 ? flag : at[0], submitted, flag);
    long end = clamp(at[1] < 0 ? flag : at[1], dispatch, flag);
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("submit", (submitted - t0) / 1e9);
    phases.put("queue", (dispatch - submitted) / 1e9);
    phases.put("run", (end - dispatch) / 1e9);
    phases.put("flag", (flag - end) / 1e9);
    return new Sample(
        caseName,
        peer,
        round,
        n,
        bytes,
        (flag - t0) / 1e9,
        cpu,
        peak,
        phases,
        inFlight[1] == 0 ? null : inFlight[0] / inFlight[1],
        emuCpu);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(v, hi));
  }
}
