package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.UserAction;
import picocli.CommandLine.Command;

/** {@code agentctl cancel}. */
@Command(
    name = "cancel",
    description = "Cancel files' pending HSM requests (lfs hsm_cancel).",
    mixinStandardHelpOptions = true)
public final class CancelCommand extends RequestCommand {
  CancelCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  UserAction kind() {
    return UserAction.CANCEL;
  }
}
