package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.out.Table;
import org.lhsm.agentctl.params.ActionRecord;
import org.lhsm.agentctl.params.ParamNotFoundException;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.RecordStatus;
import picocli.CommandLine.Command;

/** {@code agentctl coordinator status}. */
@Command(
    name = "status",
    description = "Coordinator state, agents, queue and max_requests of each MDT.",
    mixinStandardHelpOptions = true)
public final class CoordinatorStatusCommand extends BaseCommand {
  CoordinatorStatusCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws Exception {
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String dev : mdts(store, fs)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mdt", dev);
      m.put("state", store.control(dev));
      m.put("agents", store.agents(dev).size());
      List<ActionRecord> recs = store.actions(dev);
      m.put("waiting", recs.stream().filter(r -> r.status() == RecordStatus.WAITING).count());
      m.put("started", recs.stream().filter(r -> r.status() == RecordStatus.STARTED).count());
      m.put("maxRequests", optional(store, dev, "max_requests"));
      rows.add(m);
    }
    if (json()) {
      printJson(rows);
      return 0;
    }
    Table t = new Table("MDT", "STATE", "AGENTS", "WAITING", "STARTED", "MAX_REQUESTS");
    for (Map<String, Object> m : rows) {
      Object max = m.get("maxRequests");
      t.row(
          m.get("mdt"),
          m.get("state"),
          m.get("agents"),
          m.get("waiting"),
          m.get("started"),
          max == null ? "-" : max);
    }
    t.print(out());
    return 0;
  }

  private static Long optional(ParamStore store, String dev, String name) throws IOException {
    try {
      return Long.parseLong(store.read(dev, name).strip());
    } catch (ParamNotFoundException | NumberFormatException e) {
      return null;
    }
  }
}
