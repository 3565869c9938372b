package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.files.RequestKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agentctl remove}. */
@Command(
    name = "remove",
    description = "Delete files' copies from the archive (lfs hsm_remove).",
    mixinStandardHelpOptions = true)
public final class RemoveCommand extends RequestCommand {
  @Mixin RequestOptions options;

  RemoveCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  RequestKind kind() {
    return RequestKind.REMOVE;
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
