package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.EnumSet;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.bindings.HsmState;
import picocli.CommandLine.Command;

/** {@code agentctl clear}. */
@Command(
    name = "clear",
    description = "Clear HSM flags on files (lfs hsm_clear).",
    mixinStandardHelpOptions = true)
public final class ClearCommand extends FlagChangeCommand {
  ClearCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  void change(Target t, EnumSet<HsmState> flags, int archiveId) throws IOException {
    env.files().setState(t.statePath(), EnumSet.noneOf(HsmState.class), flags, archiveId);
  }
}
