package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.UserAction;
import picocli.CommandLine.Command;

/** {@code agentctl remove}. */
@Command(
    name = "remove",
    description = "Delete files' copies from the archive (lfs hsm_remove).",
    mixinStandardHelpOptions = true)
public final class RemoveCommand extends RequestWithOptionsCommand {
  RemoveCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  UserAction kind() {
    return UserAction.REMOVE;
  }
}
