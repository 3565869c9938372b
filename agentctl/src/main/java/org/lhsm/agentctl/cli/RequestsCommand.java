package org.lhsm.agentctl.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.agentctl.out.Table;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ActiveRequest;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
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
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
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
    return new ActionRecord(
        dev,
        r.lrhType(),
        r.lrhLength(),
        r.catalogIndex(),
        r.recordIndex(),
        r.fid(),
        r.dfid(),
        r.compound(),
        r.cookie(),
        r.action(),
        r.archiveId(),
        r.flags(),
        r.extent(),
        r.gid(),
        r.dataLength(),
        r.status(),
        r.dataHex(),
        r.extra());
  }

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
