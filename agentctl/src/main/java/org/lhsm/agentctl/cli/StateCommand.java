package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.Map;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import picocli.CommandLine.Command;

/** {@code agentctl state}: HSM flags and archive id, as {@code lfs hsm_state} prints them. */
@Command(
    name = "state",
    description = "Show files' HSM flags and archive id (lfs hsm_state).",
    mixinStandardHelpOptions = true)
public final class StateCommand extends PerFileCommand {
  StateCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  String apply(Target t, Map<String, Object> out) throws IOException {
    HsmUserState s = env.files().state(t.statePath());
    out.put("mask", Lfs.mask(s));
    out.put("flags", Lfs.shown(s).stream().sorted().map(HsmState::lfsName).toList());
    out.put("archiveId", Integer.toUnsignedLong(s.archiveId()));
    return Lfs.state(s);
  }
}
