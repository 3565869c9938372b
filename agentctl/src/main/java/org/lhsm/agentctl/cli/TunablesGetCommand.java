package org.lhsm.agentctl.cli;

import java.util.ArrayList;
import java.util.List;
import org.lhsm.agentctl.CliEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agentctl tunables get [NAME...]}. */
@Command(
    name = "get",
    description = "Show tunables (all when no NAME).",
    mixinStandardHelpOptions = true)
public final class TunablesGetCommand extends BaseCommand {
  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "max_requests, policy, hsm.grace_delay, ...")
  List<String> names = new ArrayList<>();

  TunablesGetCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() throws Exception {
    return TunablesCommand.show(this, names);
  }
}
