package org.lhsm.it.targets;

import java.nio.file.Path;

/** Chooses the target: a real mount when {@code -Dlhsm.mount} is set, the emulator otherwise. */
public final class Targets {
  private Targets() {}

  /** The configured client mount, if any ({@code -Dlhsm.mount}; blank counts as unset). */
  static String property(String name) {
    return System.getProperty(name, "").strip();
  }

  public static boolean realLustreSelected() {
    return !property("lhsm.mount").isEmpty();
  }

  public static Target.Kind selectedKind() {
    return realLustreSelected() ? Target.Kind.REAL_LUSTRE : Target.Kind.EMULATOR;
  }

  /** Opens the selected target; the caller closes it. */
  public static Target open() throws Exception {
    if (realLustreSelected()) {
      String agent = property("lhsm.agentMount");
      if (agent.isEmpty()) {
        throw new IllegalStateException(
            "-Dlhsm.mount is set but -Dlhsm.agentMount is not: the copytool needs a second"
                + " client mount of the same filesystem (e.g. /mnt/lustre2)");
      }
      return RealLustreTarget.open(Path.of(property("lhsm.mount")), Path.of(agent));
    }
    return EmulatorTarget.start();
  }
}
