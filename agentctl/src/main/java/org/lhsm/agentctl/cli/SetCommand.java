package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.EnumSet;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.HsmState;
import picocli.CommandLine.Command;

/** {@code agentctl set}. */
@Command(
    name = "set",
    description = "Set HSM flags on files (lfs hsm_set).",
    mixinStandardHelpOptions = true)
public final class SetCommand extends FlagChangeCommand {
  SetCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  void change(Target t, EnumSet<HsmState> flags, int archiveId) throws IOException {
    env.files().setState(t.statePath(), flags, EnumSet.noneOf(HsmState.class), archiveId);
  }
}
