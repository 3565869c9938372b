package org.lhsm.agentctl.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActionsParser;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.ActiveRequestsParser;
import org.lhsm.agentctl.params.AgentEntry;
import org.lhsm.agentctl.params.AgentsParser;
import org.lhsm.agentctl.params.ParamNotFoundException;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.agentctl.params.Tunable;
import org.lhsm.bindings.CopytoolAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator metrics of every MDT found under the parameter roots, read at each scrape. Each
 * list file ({@code hsm.actions}, {@code hsm.active_requests}, {@code hsm.agents}) is read up to
 * {@code maxBytes}; beyond, the rest is not read (the kernel renders those files record by record
 * as they are read, so the cost stays bounded), the counts cover only what was read and {@code
 * lustre_hsm_exporter_truncated} says so. A file that cannot be read or parsed is skipped and
 * counted in {@code lustre_hsm_exporter_errors}; the other files of the scrape still report.
 * Scrapes are serialized.
 */
public final class CoordinatorCollector implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorCollector.class);

  /** Default byte limit per list file and scrape. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** Default number of records followed across scrapes. */
  public static final int DEFAULT_MAX_TRACKED = 1_000_000;

  static final String P = Families.PREFIX;

  private static final List<CopytoolAction> ACTIONS =
      List.of(
          CopytoolAction.ARCHIVE,
          CopytoolAction.RESTORE,
          CopytoolAction.REMOVE,
          CopytoolAction.CANCEL);

  private static final List<RecordStatus> STATUSES =
      List.of(
          RecordStatus.WAITING,
          RecordStatus.STARTED,
          RecordStatus.FAILED,
          RecordStatus.CANCELED,
          RecordStatus.SUCCEED);

  private static final List<String> CDT_STATES =
      List.of("stopped", "init", "enabled", "disabled", "stopping");

  private static final List<Tunable> SECONDS =
      List.of(Tunable.ACTIVE_REQUEST_TIMEOUT, Tunable.LOOP_PERIOD, Tunable.GRACE_DELAY);

  private static final List<String> MASK_ACTIONS =
      List.of("NOOP", "ARCHIVE", "RESTORE", "REMOVE", "CANCEL");

  private final Supplier<ParamStore> store;
  private final Optional<String> fsname;
  private final Clock clock;
  private final long maxBytes;
  private final RequestTracker tracker;

  /**
   * @param store parameter access, asked anew at each scrape (MDTs may come and go)
   * @param fsname only this filesystem, else every filesystem found
   */
  public CoordinatorCollector(
      Supplier<ParamStore> store,
      Optional<String> fsname,
      Clock clock,
      long maxBytes,
      int maxTracked) {
    this.store = store;
    this.fsname = fsname;
    this.clock = clock;
    this.maxBytes = maxBytes;
    this.tracker = new RequestTracker(maxTracked);
  }

  /** One scrape: its time and the families it fills. */
  private final class Scrape extends Families {
    final Instant now = clock.instant();
  }

  @Override
  public synchronized MetricSnapshots collect() {
    long t0 = System.nanoTime();
    Scrape s = new Scrape();
    declare(s);
    ParamStore st = store.get();
    List<String> filesystems;
    try {
      filesystems = fsname.map(List::of).orElse(st.locator().filesystems());
    } catch (IOException e) {
      LOG.warn("cannot list filesystems: {}", e.toString());
      filesystems = List.of();
    }
    for (String fs : filesystems) {
      List<String> devices;
      try {
        devices = st.locator().mdts(fs);
      } catch (IOException e) {
        LOG.warn("cannot list MDTs of {}: {}", fs, e.toString());
        continue;
      }
      for (String dev : devices) {
        mdt(s, st, fs, dev);
      }
    }
    List<MetricSnapshot> out = new ArrayList<>();
    for (Families.Family f : s.families.values()) {
      out.add(f.build());
    }
    out.add(latency());
    s.gauge("exporter_tracked_requests", "Queue records followed across scrapes")
        .add(tracker.tracked());
    out.add(s.families.get("exporter_tracked_requests").build());
    GaugeSnapshot.Builder d =
        GaugeSnapshot.builder()
            .name(P + "exporter_scrape_duration_seconds")
            .help("Time this scrape took to read and parse the coordinator parameters")
            .unit(Unit.SECONDS);
    d.dataPoint(
        GaugeSnapshot.GaugeDataPointSnapshot.builder()
            .value((System.nanoTime() - t0) / 1e9)
            .build());
    out.add(d.build());
    return new MetricSnapshots(out);
  }

  /** Families in a fixed order, so that each is present once even without data. */
  private static void declare(Scrape s) {
    s.gauge(
        "coordinator_state",
        "1 for the coordinator's state (hsm_control: stopped, init, enabled, disabled, stopping)");
    s.gauge("max_requests", "hsm.max_requests: requests the coordinator dispatches at most");
    s.gauge(
        "active_request_timeout_seconds",
        "hsm.active_request_timeout: a STARTED request without progress this long is canceled",
        Unit.SECONDS);
    s.gauge(
        "loop_period_seconds", "hsm.loop_period: time between housekeeping scans", Unit.SECONDS);
    s.gauge(
        "grace_delay_seconds",
        "hsm.grace_delay: how long finished records stay in hsm.actions",
        Unit.SECONDS);
    s.gauge("default_archive_id", "hsm.default_archive_id");
    s.gauge(
        "remove_archive_on_last_unlink",
        "hsm.remove_archive_on_last_unlink: 1 if the last unlink queues a REMOVE");
    s.gauge("policy", "hsm.policy: 1 for each enabled policy");
    s.gauge(
        "request_mask",
        "hsm.{user,group,other}_request_mask: 1 if non-root users of that class may request the"
            + " action");
    s.gauge(
        "dispatched_requests",
        "hsm.{archive,restore,remove}_count: requests dispatched to copytools and not finished");
    s.gauge("requests", "Records of hsm.actions by action and status");
    s.gauge(
        "request_oldest_age_seconds",
        "Age of the oldest WAITING and of the oldest STARTED record per action, counted from the"
            + " scrape that first saw it in that status",
        Unit.SECONDS);
    s.gauge("agents", "Copytools registered (hsm.agents)");
    s.gauge("agent_requests_current", "Requests dispatched to the agent and not finished");
    s.counter(
        "agent_requests_completed",
        "Requests the agent ended since it registered, by result (ok, error)");
    s.gauge("agent_archive", "1 for each archive id the agent serves (any: all archives)");
    s.gauge("active_requests", "Running requests (hsm.active_requests) by action");
    s.gauge(
        "active_request_done_bytes",
        "Bytes a running request has reported done (hsm.active_requests done=)",
        Unit.BYTES);
    s.gauge("exporter_read_bytes", "Bytes of the parameter file read by this scrape", Unit.BYTES);
    s.gauge(
        "exporter_truncated",
        "1 if the parameter file was longer than --max-bytes and only its start was read");
    s.gauge(
        "exporter_errors", "1 if the parameter file could not be read or parsed by this scrape");
  }

  private void mdt(Scrape s, ParamStore st, String fs, String dev) {
    String[] l = {"fs", fs, "mdt", dev};
    String control = scalar(s, st, fs, dev, "hsm_control");
    if (control != null) {
      for (String state : CDT_STATES) {
        s.gauge("coordinator_state", null)
            .add(state.equals(control) ? 1 : 0, with(l, "state", state));
      }
      if (!CDT_STATES.contains(control)) {
        s.gauge("coordinator_state", null).add(1, with(l, "state", control));
      }
    }
    number(s, st, fs, dev, Tunable.MAX_REQUESTS, "max_requests");
    for (Tunable t : SECONDS) {
      number(s, st, fs, dev, t, t.paramName() + "_seconds");
    }
    number(s, st, fs, dev, Tunable.DEFAULT_ARCHIVE_ID, "default_archive_id");
    number(s, st, fs, dev, Tunable.REMOVE_ARCHIVE_ON_LAST_UNLINK, "remove_archive_on_last_unlink");
    String policy = scalar(s, st, fs, dev, Tunable.POLICY.paramName());
    if (policy != null) {
      Set<String> on = Tunable.enabledPolicies(policy);
      for (String p : Tunable.POLICY_NAMES) {
        s.gauge("policy", null).add(on.contains(p) ? 1 : 0, with(l, "policy", p));
      }
    }
    for (String who : List.of("user", "group", "other")) {
      String mask = scalar(s, st, fs, dev, who + "_request_mask");
      if (mask != null) {
        Set<String> allowed = Set.of(mask.toUpperCase(Locale.ROOT).split("\\s+"));
        for (String a : MASK_ACTIONS) {
          s.gauge("request_mask", null)
              .add(allowed.contains(a) ? 1 : 0, with(l, "class", who, "action", lower(a)));
        }
      }
    }
    for (Tunable t : List.of(Tunable.ARCHIVE_COUNT, Tunable.RESTORE_COUNT, Tunable.REMOVE_COUNT)) {
      String v = scalar(s, st, fs, dev, t.paramName());
      if (v != null) {
        try {
          s.gauge("dispatched_requests", null)
              .add(
                  Long.parseLong(v),
                  with(l, "action", t.paramName().substring(0, t.paramName().indexOf('_'))));
        } catch (NumberFormatException e) {
          error(s, fs, dev, t.paramName());
        }
      }
    }
    actions(s, st, fs, dev, l);
    agents(s, st, fs, dev, l);
    active(s, st, fs, dev, l);
  }

  private void actions(Scrape s, ParamStore st, String fs, String dev, String[] l) {
    Optional<ParamStore.Bounded> b = list(s, st, fs, dev, "actions");
    if (b.isEmpty()) {
      return;
    }
    List<ActionRecord> records;
    try {
      records = ActionsParser.parse(b.get().text(), "hsm.actions of " + dev);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}", e.getMessage());
      error(s, fs, dev, "actions");
      return;
    }
    tracker.observe(dev, s.now, records, !b.get().truncated());
    long[][] counts = new long[ACTIONS.size()][STATUSES.size()];
    for (ActionRecord r : records) {
      int a = ACTIONS.indexOf(r.action());
      int st2 = STATUSES.indexOf(r.status());
      if (a >= 0 && st2 >= 0) {
        counts[a][st2]++;
      }
    }
    Map<RequestTracker.AgeKey, Double> ages = tracker.oldestAges(dev, s.now);
    for (int a = 0; a < ACTIONS.size(); a++) {
      String action = lower(ACTIONS.get(a).wireName());
      for (int i = 0; i < STATUSES.size(); i++) {
        s.gauge("requests", null)
            .add(counts[a][i], with(l, "action", action, "status", lower(STATUSES.get(i).name())));
      }
      for (RecordStatus status : List.of(RecordStatus.WAITING, RecordStatus.STARTED)) {
        double age = ages.getOrDefault(new RequestTracker.AgeKey(ACTIONS.get(a), status), 0.0);
        s.gauge("request_oldest_age_seconds", null)
            .add(age, with(l, "action", action, "status", lower(status.name())));
      }
    }
  }

  private void agents(Scrape s, ParamStore st, String fs, String dev, String[] l) {
    Optional<ParamStore.Bounded> b = list(s, st, fs, dev, "agents");
    if (b.isEmpty()) {
      return;
    }
    List<AgentEntry> agents;
    try {
      agents = AgentsParser.parse(b.get().text(), "hsm.agents of " + dev);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}", e.getMessage());
      error(s, fs, dev, "agents");
      return;
    }
    s.gauge("agents", null).add(agents.size(), l);
    for (AgentEntry a : agents) {
      String[] al = with(l, "uuid", a.uuid());
      s.gauge("agent_requests_current", null).add(a.current(), al);
      s.counter("agent_requests_completed", null).add(a.ok(), with(al, "result", "ok"));
      s.counter("agent_requests_completed", null).add(a.errors(), with(al, "result", "error"));
      if (a.servesAnyArchive()) {
        s.gauge("agent_archive", null).add(1, with(al, "archive_id", "any"));
      } else {
        for (int id : a.archiveIds().stream().sorted().toList()) {
          s.gauge("agent_archive", null)
              .add(1, with(al, "archive_id", Long.toString(Integer.toUnsignedLong(id))));
        }
      }
    }
  }

  private void active(Scrape s, ParamStore st, String fs, String dev, String[] l) {
    Optional<ParamStore.Bounded> b = list(s, st, fs, dev, "active_requests");
    if (b.isEmpty()) {
      return;
    }
    List<ActiveRequest> active;
    try {
      active = ActiveRequestsParser.parse(b.get().text(), "hsm.active_requests of " + dev);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}", e.getMessage());
      error(s, fs, dev, "active_requests");
      return;
    }
    long[] perAction = new long[ACTIONS.size()];
    for (ActiveRequest a : active) {
      int i = ACTIONS.indexOf(a.action());
      if (i >= 0) {
        perAction[i]++;
      }
      s.gauge("active_request_done_bytes", null)
          .add(
              a.bytesDone(),
              with(
                  l,
                  "action",
                  lower(a.action().wireName()),
                  "cookie",
                  "0x" + Long.toHexString(a.cookie()),
                  "fid",
                  a.fid().toString(),
                  "agent",
                  a.agentUuid()));
    }
    for (int i = 0; i < ACTIONS.size() - 1; i++) {
      s.gauge("active_requests", null)
          .add(perAction[i], with(l, "action", lower(ACTIONS.get(i).wireName())));
    }
  }

  private Optional<ParamStore.Bounded> list(
      Scrape s, ParamStore st, String fs, String dev, String name) {
    String[] fl = {"fs", fs, "mdt", dev, "file", name};
    try {
      ParamStore.Bounded b = st.readBounded(dev, name, maxBytes);
      s.gauge("exporter_read_bytes", null).add(b.bytesRead(), fl);
      s.gauge("exporter_truncated", null).add(b.truncated() ? 1 : 0, fl);
      s.gauge("exporter_errors", null).add(0, fl);
      return Optional.of(b);
    } catch (IOException e) {
      LOG.warn("cannot read hsm.{} of {}: {}", name, dev, e.toString());
      error(s, fs, dev, name);
      return Optional.empty();
    }
  }

  /** A small parameter (tunable, hsm_control), or null if absent (older versions) or unreadable. */
  private static String scalar(Scrape s, ParamStore st, String fs, String dev, String name) {
    try {
      return st.read(dev, name).strip();
    } catch (ParamNotFoundException e) {
      return null;
    } catch (IOException e) {
      LOG.warn("{}", e.getMessage());
      error(s, fs, dev, name);
      return null;
    }
  }

  private static void number(
      Scrape s, ParamStore st, String fs, String dev, Tunable t, String metric) {
    String v = scalar(s, st, fs, dev, t.paramName());
    if (v == null) {
      return;
    }
    try {
      s.gauge(metric, null).add(Long.parseLong(v), "fs", fs, "mdt", dev);
    } catch (NumberFormatException e) {
      error(s, fs, dev, t.paramName());
    }
  }

  private static void error(Scrape s, String fs, String dev, String name) {
    Families.Family f = s.gauge("exporter_errors", null);
    Labels key = Labels.of("fs", fs, "mdt", dev, "file", name);
    f.points.removeIf(p -> p[1].equals(key));
    f.add(1, "fs", fs, "mdt", dev, "file", name);
  }

  private MetricSnapshot latency() {
    HistogramSnapshot.Builder b =
        HistogramSnapshot.builder()
            .name(P + "request_completion_seconds")
            .help(
                "Time from the scrape that first saw a record WAITING to the one that first saw"
                    + " it SUCCEED or FAILED (resolution: the scrape interval)")
            .unit(Unit.SECONDS);
    double[] bounds = new double[RequestTracker.LATENCY_BUCKETS.length + 1];
    System.arraycopy(
        RequestTracker.LATENCY_BUCKETS, 0, bounds, 0, RequestTracker.LATENCY_BUCKETS.length);
    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
    for (Map.Entry<RequestTracker.Series, RequestTracker.Latency> e :
        tracker.latency().entrySet()) {
      RequestTracker.Series k = e.getKey();
      RequestTracker.Latency v = e.getValue();
      b.dataPoint(
          HistogramSnapshot.HistogramDataPointSnapshot.builder()
              .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, v.counts()))
              .sum(v.sum())
              .labels(
                  Labels.of(
                      "fs",
                      fsOf(k.device()),
                      "mdt",
                      k.device(),
                      "action",
                      lower(k.action().wireName()),
                      "status",
                      lower(k.status().name())))
              .build());
    }
    return b.build();
  }

  private static String fsOf(String device) {
    int i = device.lastIndexOf("-MDT");
    return i > 0 ? device.substring(0, i) : device;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String[] with(String[] labels, String... more) {
    String[] out = new String[labels.length + more.length];
    System.arraycopy(labels, 0, out, 0, labels.length);
    System.arraycopy(more, 0, out, labels.length, more.length);
    return out;
  }
}
