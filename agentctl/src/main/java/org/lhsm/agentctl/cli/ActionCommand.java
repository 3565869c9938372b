package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.Map;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.bindings.HsmCurrentAction;
import org.lhsm.bindings.ProgressState;
import picocli.CommandLine.Command;

/** {@code agentctl action}: the file's current HSM action, as {@code lfs hsm_action}. */
@Command(
    name = "action",
    description = "Show files' current HSM action and its progress (lfs hsm_action).",
    mixinStandardHelpOptions = true)
public final class ActionCommand extends PerFileCommand {
  ActionCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  String apply(Target t, Map<String, Object> out) throws IOException {
    HsmCurrentAction a = env.files().currentAction(t.statePath());
    out.put("action", a.action().wireName());
    // an idle file reads WAITING + NOOP on Lustre 2.16: no state, not waiting
    out.put("state", (a.isPending() ? a.state() : ProgressState.NONE).displayName());
    out.put("offset", a.location().offset());
    out.put("length", a.location().length());
    if (!a.isPending()) {
      return "NOOP";
    }
    return a.action().wireName()
        + " "
        + a.state().displayName()
        + " ("
        + Lfs.extent(a.location())
        + ")";
  }
}
