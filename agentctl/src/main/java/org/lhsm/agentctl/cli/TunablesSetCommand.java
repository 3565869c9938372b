package org.lhsm.agentctl.cli;

import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.params.ParamStore;
import org.lhsm.agentctl.params.Tunable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agentctl tunables set NAME=VALUE...}: validates all, then writes each MDT's file. */
@Command(
    name = "set",
    description =
        "Change tunables on every MDT; every value is checked before anything is written.",
    mixinStandardHelpOptions = true)
public final class TunablesSetCommand extends BaseCommand {
  @Parameters(
      paramLabel = "NAME=VALUE",
      arity = "1..*",
      description = "e.g. max_requests=10 policy=+NRA")
  List<String> assignments = new ArrayList<>();

  TunablesSetCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws Exception {
    Map<Tunable, String> values = new LinkedHashMap<>();
    for (String a : assignments) {
      int at = a.indexOf('=');
      if (at <= 0) {
        throw new CliException(ExitCode.USAGE, "bad assignment '" + a + "': expected NAME=VALUE");
      }
      Tunable t = TunablesCommand.byName(a.substring(0, at));
      try {
        values.put(t, t.validate(a.substring(at + 1)));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
    }
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String dev : mdts(store, fs)) {
      for (Map.Entry<Tunable, String> e : values.entrySet()) {
        String name = e.getKey().paramName();
        try {
          store.write(dev, name, e.getValue());
        } catch (FileSystemException ex) {
          throw ControlErrors.rejected(ParamStore.displayName(dev, name), e.getValue(), ex);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdt", dev);
        m.put("name", name);
        m.put("value", e.getValue());
        rows.add(m);
      }
    }
    if (json()) {
      printJson(rows);
    } else {
      for (Map<String, Object> m : rows) {
        out()
            .println(
                ParamStore.displayName((String) m.get("mdt"), (String) m.get("name"))
                    + "="
                    + m.get("value"));
      }
    }
    return 0;
  }
}
