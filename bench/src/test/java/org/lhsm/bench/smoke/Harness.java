package org.lhsm.bench.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * {@code java -jar lhsm-bench.jar ARGS} run to its end as a child process of the test kit (killed
 * with its descendants, the emulator it started, past the deadline).
 */
final class Harness {
  private Harness() {}

  /** A fresh directory for one test below {@code -Dlhsm.bench.workDir}. */
  static Path workDir(String name) throws IOException {
    Path base = Path.of(System.getProperty("lhsm.bench.workDir", "target/smoke"));
    return Files.createTempDirectory(Files.createDirectories(base), name + "-");
  }

  /**
   * {@code COMMAND --dir=DIR ARGS} with the emulator this build made ({@code -Dlhsm.emulator.jar},
   * {@code -Dlhsm.emulator.lib}).
   */
  static List<String> onEmulator(String command, Path dir, String... args) {
    List<String> out = new ArrayList<>(List.of(command, "--dir=" + dir));
    out.addAll(List.of(args));
    out.add("--emulator-jar=" + System.getProperty("lhsm.emulator.jar"));
    out.add("--emulator-lib=" + System.getProperty("lhsm.emulator.lib"));
    return out;
  }

  /** The emulator of a report ({@code emulatorPid}) is no longer running. */
  static void assertEmulatorStopped(Map<String, Object> report) {
    long pid = ((Double) report.get("emulatorPid")).longValue();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
        .as("emulator stopped")
        .isEmpty();
  }

  static ChildProcess.Result run(Duration limit, List<String> args) throws IOException {
    Path jar = Path.of(System.getProperty("lhsm.bench.jar", "target/lhsm-bench.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " missing: run through Maven (failsafe, after package)");
    }
    List<String> cmd =
        new ArrayList<>(List.of(ChildProcess.java(), "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(args);
    return ChildProcess.run(cmd, Map.of(), limit);
  }
}
