package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.UserAction;
import picocli.CommandLine.Command;

/** {@code agentctl restore}. */
@Command(
    name = "restore",
    description = "Bring released files back from the archive (lfs hsm_restore).",
    mixinStandardHelpOptions = true)
public final class RestoreCommand extends RequestWithOptionsCommand {
  RestoreCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  UserAction kind() {
    return UserAction.RESTORE;
  }
}
