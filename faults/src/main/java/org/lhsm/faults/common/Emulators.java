package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import org.lhsm.emulator.testkit.EmulatorProcess;

/** Emulated filesystems for the campaigns, from the test kit, with tunables applied. */
public final class Emulators {
  private Emulators() {}

  /**
   * Starts an emulator under {@code dir} (log {@code dir/emulator.log}), then sets {@code params}.
   */
  public static EmulatorProcess start(Context ctx, Path dir, Map<String, String> params)
      throws Exception {
    EmulatorProcess emu =
        EmulatorLauncher.create()
            .under(dir)
            .jar(ctx.env().emulatorJar())
            .nativeDir(ctx.env().nativeDir())
            .log(dir.resolve("emulator.log"))
            .keep(ctx.keep())
            .start();
    org.slf4j.LoggerFactory.getLogger(Emulators.class)
        .info("emulator in {} (log {})", emu.dir(), emu.log());
    try {
      for (Map.Entry<String, String> p : params.entrySet()) {
        emu.set(p.getKey(), p.getValue());
      }
      return emu;
    } catch (Exception | Error e) {
      emu.close();
      throw e;
    }
  }

  /**
   * After a failed audit, keeps the emulator's directory (its request log, FID table and files:
   * what the logs cannot tell) and prints where it is.
   */
  public static void keepIfFailed(
      Context ctx, EmulatorProcess emu, java.util.List<String> problems) {
    if (!problems.isEmpty()) {
      emu.keepDirectory();
      ctx.out().println("  emulator directory kept for diagnosis: " + emu.dir());
    }
  }

  /** The coordinator's request records. */
  public static java.util.List<Actions.Record> actions(EmulatorProcess emu) throws IOException {
    return Actions.parse(emu.param("hsm/actions"));
  }
}
