package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.files.RequestKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agentctl archive}. */
@Command(
    name = "archive",
    description = "Copy files to the archive (lfs hsm_archive).",
    mixinStandardHelpOptions = true)
public final class ArchiveCommand extends RequestCommand {
  @Mixin RequestOptions options;

  ArchiveCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  RequestKind kind() {
    return RequestKind.ARCHIVE;
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
