package org.lhsm.agentctl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.out.Table;
import org.lhsm.agentctl.params.AgentEntry;
import org.lhsm.agentctl.params.ParamStore;
import picocli.CommandLine.Command;

/** {@code agentctl agents}: registered copytools per MDT ({@code hsm.agents}). */
@Command(
    name = "agents",
    description = "List copytools registered with the coordinator of each MDT (hsm.agents).",
    mixinStandardHelpOptions = true)
public final class AgentsCommand extends BaseCommand {
  AgentsCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws Exception {
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
    List<AgentEntry> all = new ArrayList<>();
    for (String dev : mdts(store, fs)) {
      for (AgentEntry a : store.agents(dev)) {
        all.add(
            new AgentEntry(
                dev, a.uuid(), a.archiveIds(), a.current(), a.ok(), a.errors(), a.extra()));
      }
    }
    if (json()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (AgentEntry a : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdt", a.device());
        m.put("uuid", a.uuid());
        m.put("archives", a.servesAnyArchive() ? "ANY" : a.archiveIds().stream().sorted().toList());
        m.put("current", a.current());
        m.put("ok", a.ok());
        m.put("errors", a.errors());
        m.put("extra", a.extra());
        list.add(m);
      }
      printJson(list);
      return 0;
    }
    if (all.isEmpty()) {
      out()
          .println(
              "no copytool registered with "
                  + fs
                  + " ("
                  + String.join(", ", mdts(store, fs))
                  + ")");
      return 0;
    }
    Table t = new Table("MDT", "UUID", "ARCHIVES", "CURRENT", "OK", "ERRORS");
    for (AgentEntry a : all) {
      t.row(a.device(), a.uuid(), archives(a), a.current(), a.ok(), a.errors());
    }
    t.print(out());
    return 0;
  }

  static String archives(AgentEntry a) {
    return a.servesAnyArchive()
        ? "ANY"
        : a.archiveIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }
}
