package org.lhsm.agentctl.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every subcommand accepts. */
public final class CommonOptions {
  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--param-root",
      paramLabel = "DIR",
      description =
          "Read coordinator parameters from DIR/mdt/<fs>-MDTxxxx/... instead of the system"
              + " locations (default: env LHSM_PARAM_ROOT, else /sys/fs/lustre,"
              + " /sys/kernel/debug/lustre, /proc/fs/lustre).")
  Path paramRoot;

  @Option(
      names = "--fsname",
      paramLabel = "NAME",
      description = "Filesystem whose coordinator to read (default: the only one found).")
  String fsname;

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging on stderr.")
  boolean verbose;

  Optional<Path> paramRoot() {
    return Optional.ofNullable(paramRoot);
  }
}
