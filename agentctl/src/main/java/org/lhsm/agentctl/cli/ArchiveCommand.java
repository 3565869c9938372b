package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.UserAction;
import picocli.CommandLine.Command;

/** {@code agentctl archive}. */
@Command(
    name = "archive",
    description = "Copy files to the archive (lfs hsm_archive).",
    mixinStandardHelpOptions = true)
public final class ArchiveCommand extends RequestWithOptionsCommand {
  ArchiveCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  UserAction kind() {
    return UserAction.ARCHIVE;
  }
}
