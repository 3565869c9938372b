package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.UserAction;
import picocli.CommandLine.Command;

/** {@code agentctl release}. */
@Command(
    name = "release",
    description =
        "Drop archived files' data from Lustre, keeping them restorable (lfs hsm_release).",
    mixinStandardHelpOptions = true)
public final class ReleaseCommand extends RequestCommand {
  ReleaseCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  UserAction kind() {
    return UserAction.RELEASE;
  }
}
