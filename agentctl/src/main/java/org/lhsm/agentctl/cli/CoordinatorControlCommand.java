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
import picocli.CommandLine.Command;

/** Writes a command to {@code hsm_control} of every MDT of the filesystem. */
abstract class CoordinatorControlCommand extends BaseCommand {
  CoordinatorControlCommand(CliEnvironment env) {
    super(env);
  }

  /** What is written to hsm_control. */
  abstract String word();

  @Override
  public Integer call() throws Exception {
    ParamStore store = params();
    String fs = fsname(store, Optional.empty());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String dev : mdts(store, fs)) {
      String before = store.control(dev);
      if (word().equals("purge") && !(before.equals("enabled") || before.equals("disabled"))) {
        throw new CliException(
            ExitCode.COORDINATOR_UNAVAILABLE,
            "cannot purge "
                + dev
                + ": its coordinator is "
                + before
                + " (needs enabled or disabled)");
      }
      try {
        store.write(dev, "hsm_control", word());
      } catch (FileSystemException e) {
        throw ControlErrors.rejected(ParamStore.displayName(dev, "hsm_control"), word(), e);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mdt", dev);
      m.put("before", before);
      m.put("written", word());
      rows.add(m);
    }
    if (json()) {
      printJson(rows);
    } else {
      for (Map<String, Object> m : rows) {
        out().println(m.get("mdt") + ": hsm_control=" + word() + " (was " + m.get("before") + ")");
      }
    }
    return 0;
  }

  /** {@code coordinator enable}. */
  @Command(
      name = "enable",
      description = "Start or resume the coordinator (hsm_control=enabled).",
      mixinStandardHelpOptions = true)
  public static final class Enable extends CoordinatorControlCommand {
    Enable(CliEnvironment env) {
      super(env);
    }

    @Override
    String word() {
      return "enabled";
    }
  }

  /** {@code coordinator disable}. */
  @Command(
      name = "disable",
      description = "Pause dispatching; requests still queue (hsm_control=disabled).",
      mixinStandardHelpOptions = true)
  public static final class Disable extends CoordinatorControlCommand {
    Disable(CliEnvironment env) {
      super(env);
    }

    @Override
    String word() {
      return "disabled";
    }
  }

  /** {@code coordinator shutdown}. */
  @Command(
      name = "shutdown",
      description = "Stop the coordinator; all agents are forgotten (hsm_control=shutdown).",
      mixinStandardHelpOptions = true)
  public static final class Shutdown extends CoordinatorControlCommand {
    Shutdown(CliEnvironment env) {
      super(env);
    }

    @Override
    String word() {
      return "shutdown";
    }
  }

  /** {@code coordinator purge}. */
  @Command(
      name = "purge",
      description = "Cancel every queued and running request (hsm_control=purge).",
      mixinStandardHelpOptions = true)
  public static final class Purge extends CoordinatorControlCommand {
    Purge(CliEnvironment env) {
      super(env);
    }

    @Override
    String word() {
      return "purge";
    }
  }
}
