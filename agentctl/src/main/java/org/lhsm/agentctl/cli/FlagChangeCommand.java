package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.agentctl.out.Lfs;
import org.lhsm.bindings.HsmState;
import org.lhsm.bindings.HsmUserState;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Set and clear: change the given HSM flags (and optionally the archive id) of each file. */
abstract class FlagChangeCommand extends PerFileCommand {
  @Mixin FlagOptions flagOptions;

  @Option(
      names = {"-a", "--archive-id"},
      paramLabel = "ID",
      description = "Also set the file's archive id (0 = leave unchanged).")
  long archiveIdOption;

  private EnumSet<HsmState> flags;
  private int archiveId;

  FlagChangeCommand(CliEnvironment env) {
    super(env);
  }

  /** Applies the change: {@code flags} are the ones named on the command line. */
  abstract void change(Target t, EnumSet<HsmState> flags, int archiveId) throws IOException;

  @Override
  final void before() throws CliException {
    flags = flagOptions.flags();
    if (archiveIdOption < 0 || archiveIdOption > 0xffffffffL) {
      throw new CliException(
          ExitCode.USAGE, "bad --archive-id " + archiveIdOption + ": must be 0 to 4294967295");
    }
    archiveId = (int) archiveIdOption;
  }

  @Override
  final String apply(Target t, Map<String, Object> out) throws IOException {
    change(t, flags, archiveId);
    HsmUserState s = env.files().state(t.statePath());
    out.put("mask", Lfs.mask(s));
    return Lfs.state(s);
  }
}
