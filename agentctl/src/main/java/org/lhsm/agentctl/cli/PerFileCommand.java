package org.lhsm.agentctl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.lhsm.agentctl.CliEnvironment;
import org.lhsm.agentctl.CliException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command applied to each named file independently, with per-file results. */
abstract class PerFileCommand extends BaseCommand {
  @Mixin TargetInput input;

  @Option(names = "--mount", paramLabel = "DIR", description = "Lustre mount point used with FIDs.")
  Path mount;

  PerFileCommand(CliEnvironment env) {
    super(env);
  }

  /** Does the work for one file; returns the result line, filling {@code out} for JSON. */
  abstract String apply(Target t, java.util.Map<String, Object> out)
      throws IOException, CliException;

  void before() throws CliException {}

  @Override
  public Integer call() throws Exception {
    before();
    Outcomes outcomes = new Outcomes();
    for (String name : input.read(env.stdin(), env.interactive())) {
      Target t;
      try {
        t = Target.resolve(name, Optional.ofNullable(mount), env.files());
      } catch (CliException | IOException e) {
        outcomes.fail(name, Optional.empty(), e);
        continue;
      }
      try {
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        String text = apply(t, details);
        outcomes.ok(name, t.fid(), text, details);
      } catch (CliException | IOException e) {
        outcomes.fail(name, Optional.of(t.fid()), e);
      }
    }
    if (json()) {
      printJson(outcomes.toJson());
    } else {
      outcomes.print(out(), spec.commandLine().getErr(), spec.name());
    }
    return outcomes.exitCode();
  }
}
