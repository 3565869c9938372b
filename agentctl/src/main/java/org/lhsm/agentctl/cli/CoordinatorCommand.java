package org.lhsm.agentctl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentctl coordinator}: show or change {@code hsm_control} of each MDT. */
@Command(
    name = "coordinator",
    description = "Show or change the HSM coordinator state of each MDT (hsm_control).",
    mixinStandardHelpOptions = true,
    subcommands = {
      CoordinatorStatusCommand.class,
      CoordinatorControlCommand.Enable.class,
      CoordinatorControlCommand.Disable.class,
      CoordinatorControlCommand.Shutdown.class,
      CoordinatorControlCommand.Purge.class
    })
public final class CoordinatorCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: status, enable, disable, shutdown or purge");
  }
}
