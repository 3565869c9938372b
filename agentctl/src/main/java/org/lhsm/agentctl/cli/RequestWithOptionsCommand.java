package org.lhsm.agentctl.cli;

import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import picocli.CommandLine.Mixin;

/** Archive, restore and remove: requests that take {@code --archive-id} and {@code --data}. */
abstract class RequestWithOptionsCommand extends RequestCommand {
  @Mixin RequestOptions options;

  RequestWithOptionsCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  final int archiveId() throws CliException {
    return options.archiveId();
  }

  @Override
  final byte[] data() throws CliException {
    return options.data();
  }
}
