package org.lhsm.agentctl.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the subcommand ({@code agentctl --json agents} and
 * {@code agentctl agents --json} alike): mixed into {@code agentctl} itself as {@value #MIXIN} and
 * inherited by every subcommand, so wherever they are given the values land in that one instance.
 */
public final class CommonOptions {
  /** The mixin name under which {@code agentctl} holds these options. */
  public static final String MIXIN = "common";

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--param-root",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Read coordinator parameters from DIR/mdt/<fs>-MDTxxxx/... instead of the system"
              + " locations (default: env LHSM_PARAM_ROOT, else /sys/fs/lustre,"
              + " /sys/kernel/debug/lustre, /proc/fs/lustre).")
  Path paramRoot;

  @Option(
      names = "--fsname",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "Filesystem whose coordinator to read (default: the only one found).")
  String fsname;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Debug logging on stderr.")
  boolean verbose;

  Optional<Path> paramRoot() {
    return Optional.ofNullable(paramRoot);
  }

  /** The options of the command line {@code spec} belongs to. */
  static CommonOptions of(CommandSpec spec) {
    CommandSpec mixin = spec.root().mixins().get(MIXIN);
    if (mixin == null) {
      throw new IllegalStateException(spec.qualifiedName() + " is not run under agentctl");
    }
    return (CommonOptions) mixin.userObject();
  }
}
