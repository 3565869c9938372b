package org.lhsm.agentctl.cli;

import java.util.EnumSet;
import org.lhsm.agentctl.CliException;
import org.lhsm.agentctl.ExitCode;
import org.lhsm.bindings.HsmState;
import picocli.CommandLine.Option;

/** The HSM flags {@code set} and {@code clear} change ({@code lfs hsm_set/hsm_clear}). */
public final class FlagOptions {
  @Option(names = "--exists", description = "EXISTS: a copy exists in the archive (root).")
  boolean exists;

  @Option(names = "--archived", description = "ARCHIVED: the archive copy is complete (root).")
  boolean archived;

  @Option(names = "--dirty", description = "DIRTY: the file changed since it was archived.")
  boolean dirty;

  @Option(names = "--released", description = "RELEASED: data only in the archive (root).")
  boolean released;

  @Option(names = "--lost", description = "LOST: the archive copy is lost (root).")
  boolean lost;

  @Option(names = "--norelease", description = "NORELEASE: never release this file.")
  boolean norelease;

  @Option(names = "--noarchive", description = "NOARCHIVE: never archive this file.")
  boolean noarchive;

  EnumSet<HsmState> flags() throws CliException {
    EnumSet<HsmState> f = EnumSet.noneOf(HsmState.class);
    if (exists) {
      f.add(HsmState.EXISTS);
    }
    if (archived) {
      f.add(HsmState.ARCHIVED);
    }
    if (dirty) {
      f.add(HsmState.DIRTY);
    }
    if (released) {
      f.add(HsmState.RELEASED);
    }
    if (lost) {
      f.add(HsmState.LOST);
    }
    if (norelease) {
      f.add(HsmState.NORELEASE);
    }
    if (noarchive) {
      f.add(HsmState.NOARCHIVE);
    }
    if (f.isEmpty()) {
      throw new CliException(
          ExitCode.USAGE,
          "no flag given: use one or more of --exists --archived --dirty --released --lost"
              + " --norelease --noarchive");
    }
    return f;
  }
}
