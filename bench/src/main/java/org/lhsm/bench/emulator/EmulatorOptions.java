package org.lhsm.bench.emulator;

import java.nio.file.Path;
import org.lhsm.emulator.testkit.EmulatorLauncher;
import picocli.CommandLine.Option;

/**
 * Where the emulator comes from ({@code --emulator-jar}, {@code --emulator-lib}; by default this
 * source tree's build output, found by the test kit's {@link EmulatorLauncher}). A picocli mixin.
 */
public final class EmulatorOptions {
  @Option(
      names = "--emulator-jar",
      paramLabel = "JAR",
      description = "lhsm-emulator.jar (default: emulator/target/ of this source tree).")
  Path emulatorJar;

  @Option(
      names = "--emulator-lib",
      paramLabel = "SO",
      description =
          "The emulation liblustreapi.so.1 (default: native/target/native/ of this tree).")
  Path emulatorLib;

  /**
   * A launcher of the emulator (a child process, stopped by PID when closed or by a shutdown hook)
   * in a new directory under {@code work}, logging to {@code work/emulator.log}.
   */
  public EmulatorLauncher launcher(Path work) {
    EmulatorLauncher l = EmulatorLauncher.create().under(work).log(work.resolve("emulator.log"));
    if (emulatorJar != null) {
      l.jar(emulatorJar);
    }
    if (emulatorLib != null) {
      l.nativeDir(emulatorLib.toAbsolutePath().getParent());
    }
    return l;
  }
}
