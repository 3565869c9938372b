package org.lhsm.agentctl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.agentctl.out.Table;
import org.lhsm.agentctl.out.Units;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import org.lhsm.agentctl.progress.ProgressDefaults;
import org.lhsm.agentctl.progress.StuckDetector;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentctl requests}: the coordinator queue ({@code hsm.actions}) joined with the dispatched
 * requests ({@code hsm.active_requests}) for the agent and bytes done.
 */
@Command(
    name = "requests",
    description =
        "List HSM requests of every MDT (hsm.actions joined with hsm.active_requests),"
            + " optionally filtered.",
    mixinStandardHelpOptions = true)
public final class RequestsCommand extends BaseCommand {
  @Option(
      names = "--status",
      paramLabel = "STATUS",
      split = ",",
      description = "Only these statuses: WAITING, STARTED, FAILED, CANCELED, SUCCEED.")
  List<String> statuses = new ArrayList<>();

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      split = ",",
      description = "Only these actions: ARCHIVE, RESTORE, REMOVE, CANCEL.")
  List<String> actions = new ArrayList<>();

  @Option(names = "--fid", paramLabel = "FID", description = "Only requests for this FID.")
  String fid;

  @Option(
      names = {"-a", "--archive-id"},
      paramLabel = "ID",
      description = "Only this archive id.")
  Long archiveId;

  @Option(
      names = "--agent",
      paramLabel = "UUID",
      description = "Only requests dispatched to this agent (client UUID).")
  String agent;

  @Option(
      names = "--watch",
      description =
          "Show the running requests every --interval: bytes done, rate and ETA (sizes need"
              + " --mount); with --json one line per request and reading. Ctrl-C stops.")
  boolean watch;

  @Option(
      names = "--stuck",
      description =
          "List STARTED requests that will not finish by themselves: their agent is no longer"
              + " registered, or their bytes done do not move for --stuck-after progress"
              + " intervals (watched that long), or the coordinator lost them (restart).")
  boolean stuck;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      description = "With --watch/--stuck: time between readings (default ${DEFAULT-VALUE}).")
  double intervalSeconds = 2;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "With --watch: stop after N readings (default 0: until interrupted).")
  long count;

  @Option(
      names = "--mount",
      paramLabel = "DIR",
      description = "With --watch: a client mount of the filesystem, to learn file sizes (ETA).")
  Path mount;

  @Option(
      names = "--progress-interval",
      paramLabel = "SECONDS",
      description =
          "How often the copytools report progress, their --update-interval (default"
              + " ${DEFAULT-VALUE}).")
  int progressInterval = ProgressDefaults.REPORT_INTERVAL_SECONDS;

  @Option(
      names = "--stuck-after",
      paramLabel = "N",
      description =
          "With --stuck: progress intervals without progress before a request counts as stuck"
              + " (default ${DEFAULT-VALUE}; 0 = only gone agents and lost requests, at once).")
  int stuckAfter = ProgressDefaults.STUCK_AFTER_INTERVALS;

  RequestsCommand(CliEnvironment env) {
    super(env);
  }

  /** A queue record with what the active request adds, if dispatched. */
  record Row(ActionRecord record, Optional<ActiveRequest> active) {}

  @Override
  public Integer call() throws Exception {
    List<RecordStatus> wantStatus = new ArrayList<>();
    for (String s : statuses) {
      try {
        wantStatus.add(RecordStatus.parse(s));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "bad --status: " + e.getMessage());
      }
    }
    List<CopytoolAction> wantAction = new ArrayList<>();
    for (String a : actions) {
      try {
        wantAction.add(CopytoolAction.fromWireName(a));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "bad --action: " + e.getMessage());
      }
    }
    Optional<Fid> wantFid = Optional.empty();
    if (fid != null) {
      try {
        wantFid = Optional.of(Fid.parseLenient(fid));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "bad --fid: " + e.getMessage());
      }
    }
    if (archiveId != null && (archiveId < 0 || archiveId > 0xffffffffL)) {
      throw new CliException(
          ExitCode.USAGE, "bad --archive-id " + archiveId + ": must be 0 to 4294967295");
    }
    if (watch && stuck) {
      throw new CliException(ExitCode.USAGE, "--watch and --stuck do not go together");
    }
    if (!(intervalSeconds > 0) || intervalSeconds > 86400) {
      throw new CliException(
          ExitCode.USAGE, "bad --interval " + intervalSeconds + ": must be above 0 seconds");
    }
    if (progressInterval < 1) {
      throw new CliException(
          ExitCode.USAGE, "bad --progress-interval " + progressInterval + ": must be 1 or more");
    }
    if (stuckAfter < 0 || count < 0) {
      throw new CliException(ExitCode.USAGE, "--stuck-after and --count must be 0 or more");
    }
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
    Optional<Fid> fidFilter = wantFid;
    Predicate<ActiveRequest> activeFilter =
        a ->
            (wantAction.isEmpty() || wantAction.contains(a.action()))
                && (fidFilter.isEmpty() || fidFilter.get().equals(a.fid()))
                && (archiveId == null || Integer.toUnsignedLong(a.archiveId()) == archiveId)
                && (agent == null || a.agentUuid().equals(agent));
    Duration interval = Duration.ofMillis(Math.round(intervalSeconds * 1000));
    if (watch) {
      new RequestsWatch(
              env,
              store,
              mdts(store, fs),
              activeFilter,
              Optional.ofNullable(mount),
              Duration.ofSeconds(progressInterval))
          .run(out(), json(), interval, count);
      return 0;
    }
    if (stuck) {
      Predicate<ActionRecord> recordFilter =
          r ->
              (wantAction.isEmpty() || wantAction.contains(r.action()))
                  && (fidFilter.isEmpty() || fidFilter.get().equals(r.fid()))
                  && (archiveId == null || Integer.toUnsignedLong(r.archiveId()) == archiveId)
                  && agent == null;
      return stuck(store, fs, activeFilter, recordFilter, interval);
    }
    List<Row> rows = new ArrayList<>();
    for (String dev : mdts(store, fs)) {
      Map<Long, ActiveRequest> byCookie = new HashMap<>();
      for (ActiveRequest ar : store.activeRequests(dev)) {
        byCookie.put(ar.cookie(), ar);
      }
      for (ActionRecord r : store.actions(dev)) {
        rows.add(new Row(withDevice(r, dev), Optional.ofNullable(byCookie.get(r.cookie()))));
      }
    }
    Optional<Fid> f = wantFid;
    List<Row> shown =
        rows.stream()
            .filter(r -> wantStatus.isEmpty() || wantStatus.contains(r.record().status()))
            .filter(r -> wantAction.isEmpty() || wantAction.contains(r.record().action()))
            .filter(r -> f.isEmpty() || f.get().equals(r.record().fid()))
            .filter(
                r ->
                    archiveId == null
                        || Integer.toUnsignedLong(r.record().archiveId()) == archiveId)
            .filter(
                r ->
                    agent == null || r.active().map(a -> a.agentUuid().equals(agent)).orElse(false))
            .toList();
    if (json()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Row r : shown) {
        list.add(toJson(r));
      }
      printJson(list);
      return 0;
    }
    if (shown.isEmpty()) {
      out()
          .println(rows.isEmpty() ? "no HSM requests in the queue of " + fs : "no request matches");
      return 0;
    }
    Table t = new Table("MDT", "COOKIE", "FID", "ACTION", "ARCHIVE", "STATUS", "AGENT", "DONE");
    for (Row r : shown) {
      ActionRecord a = r.record();
      t.row(
          a.device(),
          "0x" + Long.toHexString(a.cookie()),
          a.fid().toString(),
          a.action().wireName(),
          Integer.toUnsignedLong(a.archiveId()),
          a.status()
              + (r.active().map(ActiveRequest::canceled).orElse(false) ? " (canceling)" : ""),
          r.active().map(ActiveRequest::agentUuid).orElse("-"),
          r.active().map(x -> String.valueOf(x.bytesDone())).orElse("-"));
    }
    t.print(out());
    return 0;
  }

  private static ActionRecord withDevice(ActionRecord r, String dev) {
    return CoordinatorReader.withDevice(r, dev);
  }

  private int stuck(
      ParamStore store,
      String fs,
      Predicate<ActiveRequest> filter,
      Predicate<ActionRecord> recordFilter,
      Duration interval)
      throws Exception {
    Duration window = Duration.ofSeconds((long) progressInterval * stuckAfter);
    StuckFinder.Findings f =
        StuckFinder.observe(
            env,
            store,
            mdts(store, fs),
            window,
            interval,
            env.interactive() && !json() ? spec.commandLine().getErr() : null);
    List<StuckDetector.Stuck> stuckOnes =
        f.stuck().stream().filter(x -> filter.test(x.request())).toList();
    List<ActionRecord> lost = f.startedNotActive().stream().filter(recordFilter).toList();
    if (json()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (StuckDetector.Stuck x : stuckOnes) {
        ActiveRequest a = x.request();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdt", a.device());
        m.put("cookie", "0x" + Long.toHexString(a.cookie()));
        m.put("fid", a.fid().toString());
        m.put("dfid", a.dfid().toString());
        m.put("action", a.action().wireName());
        m.put("archiveId", Integer.toUnsignedLong(a.archiveId()));
        m.put("agent", a.agentUuid());
        m.put("bytesDone", a.bytesDone());
        m.put("reason", x.reason());
        m.put("message", x.describe());
        m.put("observedSeconds", x.observedFor().toSeconds());
        list.add(m);
      }
      for (ActionRecord r : lost) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdt", r.device());
        m.put("cookie", "0x" + Long.toHexString(r.cookie()));
        m.put("fid", r.fid().toString());
        m.put("dfid", r.dfid().toString());
        m.put("action", r.action().wireName());
        m.put("archiveId", Integer.toUnsignedLong(r.archiveId()));
        m.put("agent", null);
        m.put("bytesDone", null);
        m.put("reason", "not-active");
        m.put("message", LOST);
        m.put("observedSeconds", f.observed().toSeconds());
        list.add(m);
      }
      printJson(list);
      return 0;
    }
    if (stuckOnes.isEmpty() && lost.isEmpty()) {
      out()
          .println(
              "no stuck request on "
                  + fs
                  + (window.isZero() ? "" : " (watched " + Units.duration(f.observed()) + ")"));
      return 0;
    }
    Table t = new Table("MDT", "COOKIE", "FID", "ACTION", "AGENT", "DONE", "REASON");
    for (StuckDetector.Stuck x : stuckOnes) {
      ActiveRequest a = x.request();
      t.row(
          a.device(),
          "0x" + Long.toHexString(a.cookie()),
          a.fid(),
          a.action().wireName(),
          a.agentUuid(),
          a.bytesDone(),
          x.describe());
    }
    for (ActionRecord r : lost) {
      t.row(
          r.device(),
          "0x" + Long.toHexString(r.cookie()),
          r.fid(),
          r.action().wireName(),
          "-",
          "-",
          LOST);
    }
    t.print(out());
    return 0;
  }

  /** Why a STARTED record without an active request is listed. */
  static final String LOST =
      "STARTED but unknown to the coordinator (MDT or coordinator restart): progress for it is"
          + " refused, it ends at hsm.active_request_timeout";

  static Map<String, Object> toJson(Row row) {
    ActionRecord r = row.record();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mdt", r.device());
    m.put("cookie", "0x" + Long.toHexString(r.cookie()));
    m.put("fid", r.fid().toString());
    m.put("dfid", r.dfid().toString());
    m.put("action", r.action().wireName());
    m.put("archiveId", Integer.toUnsignedLong(r.archiveId()));
    m.put("status", r.status().name());
    m.put("flags", r.flags());
    m.put("extent", Lfs.extent(r.extent()));
    m.put("data", r.dataHex());
    m.put("agent", row.active().map(ActiveRequest::agentUuid).orElse(null));
    m.put("bytesDone", row.active().map(ActiveRequest::bytesDone).orElse(null));
    m.put("canceled", row.active().map(ActiveRequest::canceled).orElse(null));
    m.put("extra", r.extra());
    return m;
  }
}
