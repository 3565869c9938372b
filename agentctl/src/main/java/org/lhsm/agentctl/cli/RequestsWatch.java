package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.out.Table;
import org.lhsm.agentctl.out.Units;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.progress.EtaEstimator;
import org.lhsm.agentctl.progress.ProgressTracker;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.json.Json;

/**
 * {@code agentctl requests --watch}: reads {@code hsm.active_requests} every interval and shows
 * each running request's bytes done, rate and ETA ({@link ProgressTracker}); a table per reading
 * (the screen is cleared first on a terminal), or with {@code --json} one JSON object per running
 * request and reading.
 */
final class RequestsWatch {
  private final CliEnvironment env;
  private final ParamStore store;
  private final List<String> devices;
  private final Predicate<ActiveRequest> filter;
  private final Optional<Path> mount;
  private final ProgressTracker tracker;
  private final Map<String, OptionalLong> sizes = new HashMap<>();

  RequestsWatch(
      CliEnvironment env,
      ParamStore store,
      List<String> devices,
      Predicate<ActiveRequest> filter,
      Optional<Path> mount,
      Duration reportInterval) {
    this.env = env;
    this.store = store;
    this.devices = devices;
    this.filter = filter;
    this.mount = mount;
    this.tracker = new ProgressTracker(reportInterval);
  }

  /** Reads {@code count} times (0: until interrupted), {@code interval} apart. */
  void run(PrintWriter out, boolean json, Duration interval, long count)
      throws IOException, InterruptedException {
    for (long n = 0; count == 0 || n < count; n++) {
      if (n > 0) {
        env.pauser().pause(interval);
      }
      Instant now = env.clock().instant();
      List<ActiveRequest> all = CoordinatorReader.active(store, devices);
      tracker.observe(now, all);
      List<ProgressTracker.Row> rows = new ArrayList<>();
      for (ActiveRequest a : all) {
        if (filter.test(a)) {
          rows.add(tracker.row(a, now, size(a)));
        }
      }
      if (json) {
        for (ProgressTracker.Row r : rows) {
          out.println(Json.compact(toJson(now, r)));
        }
      } else {
        if (env.interactive()) {
          out.print("\033[H\033[2J");
        }
        out.println(now + "  running requests: " + rows.size());
        if (!rows.isEmpty()) {
          table(rows).print(out);
        }
      }
      out.flush();
    }
  }

  private OptionalLong size(ActiveRequest a) {
    if (mount.isEmpty() || a.action() == CopytoolAction.REMOVE) {
      return OptionalLong.empty();
    }
    return sizes.computeIfAbsent(
        a.device() + "/" + a.cookie(),
        k -> {
          try {
            return OptionalLong.of(
                Files.size(mount.get().resolve(".lustre/fid/" + a.fid().toNoBraceString())));
          } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
          }
        });
  }

  static Table table(List<ProgressTracker.Row> rows) {
    Table t = new Table("MDT", "COOKIE", "FID", "ACTION", "AGENT", "DONE", "SIZE", "RATE", "ETA");
    for (ProgressTracker.Row r : rows) {
      ActiveRequest a = r.request();
      EtaEstimator.Estimate e = r.estimate();
      t.row(
          a.device(),
          "0x" + Long.toHexString(a.cookie()),
          a.fid(),
          a.action().wireName() + (a.canceled() ? " (canceling)" : ""),
          a.agentUuid(),
          Units.bytes(e.done()),
          e.total().isPresent() ? Units.bytes(e.total().getAsLong()) : "-",
          e.stalled()
              ? "stalled"
              : e.bytesPerSecond().isPresent() ? Units.rate(e.bytesPerSecond().getAsDouble()) : "-",
          e.eta().map(Units::duration).orElse("-"));
    }
    return t;
  }

  static Map<String, Object> toJson(Instant now, ProgressTracker.Row r) {
    ActiveRequest a = r.request();
    EtaEstimator.Estimate e = r.estimate();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", now.toString());
    m.put("mdt", a.device());
    m.put("cookie", "0x" + Long.toHexString(a.cookie()));
    m.put("fid", a.fid().toString());
    m.put("action", a.action().wireName());
    m.put("agent", a.agentUuid());
    m.put("canceled", a.canceled());
    m.put("bytesDone", e.done());
    m.put("bytesTotal", e.total().isPresent() ? e.total().getAsLong() : null);
    m.put(
        "bytesPerSecond",
        e.bytesPerSecond().isPresent() ? Math.round(e.bytesPerSecond().getAsDouble()) : null);
    m.put("etaSeconds", e.eta().map(Duration::toSeconds).orElse(null));
    m.put("stalled", e.stalled());
    return m;
  }
}
