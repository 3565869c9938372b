package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.out.Units;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.agentctl.progress.StuckDetector;
import org.lhsm.bindings.CopytoolAction;

/**
 * Watches the coordinator for a window ({@code --stuck-after} × {@code --progress-interval}) and
 * reports the requests that will not finish by themselves: {@link StuckDetector}'s, plus STARTED
 * records the coordinator has no running request for (after an MDT or coordinator restart: every
 * progress for them is refused with ENOENT; they end at {@code active_request_timeout}).
 */
final class StuckFinder {
  /** What the observation found. */
  record Findings(
      List<StuckDetector.Stuck> stuck,
      List<ActionRecord> startedNotActive,
      List<ActiveRequest> lastActive,
      List<ActionRecord> records,
      Duration observed) {}

  private StuckFinder() {}

  /**
   * @param window how long a request must be seen without progress; zero reads once (only gone
   *     agents and lost records are found then)
   * @param poll time between readings
   * @param note where to say what is being waited for (a terminal's stderr), or null
   */
  static Findings observe(
      CliEnvironment env,
      ParamStore store,
      List<String> devices,
      Duration window,
      Duration poll,
      PrintWriter note)
      throws IOException, InterruptedException {
    StuckDetector d = new StuckDetector();
    Instant start = env.clock().instant();
    List<ActiveRequest> active = CoordinatorReader.active(store, devices);
    d.observe(start, active, CoordinatorReader.agentUuids(store, devices));
    if (!window.isZero() && !active.isEmpty()) {
      if (note != null) {
        note.println(
            "agentctl: watching "
                + active.size()
                + " running request(s) for "
                + Units.duration(window)
                + " to see which make no progress...");
        note.flush();
      }
      Instant end = start.plus(window);
      while (env.clock().instant().isBefore(end)) {
        Duration left = Duration.between(env.clock().instant(), end);
        env.pauser().pause(left.compareTo(poll) < 0 ? left : poll);
        active = CoordinatorReader.active(store, devices);
        d.observe(env.clock().instant(), active, CoordinatorReader.agentUuids(store, devices));
        if (active.isEmpty()) {
          break;
        }
      }
    }
    List<ActionRecord> records = CoordinatorReader.actions(store, devices);
    // read again: a request dispatched since the last reading is STARTED in the records already
    Set<String> activeCookies = new HashSet<>();
    for (ActiveRequest a : active) {
      activeCookies.add(a.device() + "/" + a.cookie());
    }
    for (ActiveRequest a : CoordinatorReader.active(store, devices)) {
      activeCookies.add(a.device() + "/" + a.cookie());
    }
    List<ActionRecord> lost =
        records.stream()
            .filter(r -> r.status() == RecordStatus.STARTED && r.action() != CopytoolAction.CANCEL)
            .filter(r -> !activeCookies.contains(r.device() + "/" + r.cookie()))
            .toList();
    return new Findings(d.stuck(window), lost, active, records, d.observed());
  }
}
