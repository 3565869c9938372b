package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Table;
import org.lhsm.agentctl.params.ParamNotFoundException;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.Tunable;
import picocli.CommandLine.Command;

/** {@code agentctl tunables}: without a subcommand, lists every tunable of every MDT. */
@Command(
    name = "tunables",
    description =
        "Show (default, or 'get NAME...') or change ('set NAME=VALUE...') hsm.* tunables.",
    mixinStandardHelpOptions = true,
    subcommands = {TunablesGetCommand.class, TunablesSetCommand.class})
public final class TunablesCommand extends BaseCommand {
  TunablesCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws Exception {
    return show(this, List.of());
  }

  /** Prints the named tunables (all known ones if empty) of every MDT. */
  static int show(BaseCommand cmd, List<String> names) throws IOException, CliException {
    List<Tunable> wanted = new ArrayList<>();
    for (String n : names) {
      wanted.add(byName(n));
    }
    boolean all = wanted.isEmpty();
    if (all) {
      wanted.addAll(List.of(Tunable.values()));
    }
    ParamStore store = cmd.params();
    String fs = cmd.fsname(store, Optional.empty());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String dev : cmd.mdts(store, fs)) {
      for (Tunable t : wanted) {
        String value;
        try {
          value = store.read(dev, t.paramName()).strip();
        } catch (ParamNotFoundException e) {
          if (all) {
            continue; // older versions lack some (archive_count before 2.12)
          }
          throw e;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdt", dev);
        m.put("name", t.paramName());
        m.put("value", value);
        rows.add(m);
      }
    }
    if (cmd.json()) {
      cmd.printJson(rows);
      return 0;
    }
    Table table = new Table("MDT", "NAME", "VALUE");
    for (Map<String, Object> m : rows) {
      table.row(m.get("mdt"), m.get("name"), m.get("value"));
    }
    table.print(cmd.out());
    return 0;
  }

  static Tunable byName(String name) throws CliException {
    return Tunable.byName(name)
        .orElseThrow(
            () ->
                new CliException(
                    ExitCode.USAGE,
                    "unknown tunable '"
                        + name
                        + "' (known: "
                        + String.join(
                            ", ",
                            java.util.Arrays.stream(Tunable.values())
                                .map(Tunable::paramName)
                                .toList())
                        + ")"));
  }
}
