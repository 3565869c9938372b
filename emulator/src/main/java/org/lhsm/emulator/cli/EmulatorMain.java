package org.lhsm.emulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code lhsm-emulator}. */
@Command(
    name = "lhsm-emulator",
    mixinStandardHelpOptions = true,
    description = "User-space emulation of a Lustre MDT with its HSM coordinator.",
    subcommands = {StartCommand.class, StopCommand.class, MountCommand.class})
public final class EmulatorMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (used by tests). */
  public static int execute(String... args) {
    return new CommandLine(new EmulatorMain()).execute(args);
  }
}
