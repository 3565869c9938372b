package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.files.RequestKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agentctl restore}. */
@Command(
    name = "restore",
    description = "Bring released files back from the archive (lfs hsm_restore).",
    mixinStandardHelpOptions = true)
public final class RestoreCommand extends RequestCommand {
  @Mixin RequestOptions options;

  RestoreCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  RequestKind kind() {
    return RequestKind.RESTORE;
  }

  @Override
  int archiveId() throws CliException {
    return options.archiveId();
  }

  @Override
  byte[] data() throws CliException {
    return options.data();
  }
}
