package org.lhsm.bench.s3;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.testkit.ChildProcess;

/**
 * The JVM options jhsmtool's launcher starts jhsmtool with (its defaults, then {@code
 * JHSMTOOL_JAVA_OPTS} from this process's environment), as the launcher itself prints them with
 * {@code JHSMTOOL_PRINT_JAVA_OPTS=1}: the launcher stays their only source (copytool/README.md,
 * "Memory and start-up").
 */
final class LauncherJavaOptions {
  /** The launcher's switch: print the options, one a line, start nothing. */
  static final String PRINT = "JHSMTOOL_PRINT_JAVA_OPTS";

  private LauncherJavaOptions() {}

  /** The options of a start of {@code launcher} without arguments (default checksum). */
  static List<String> of(Path launcher) throws IOException {
    ChildProcess.Result r =
        ChildProcess.run(List.of(launcher.toString()), Map.of(PRINT, "1"), Duration.ofMinutes(1));
    List<String> opts = r.stdout().lines().filter(l -> !l.isBlank()).toList();
    if (r.exitCode() != 0 || opts.isEmpty() || !opts.stream().allMatch(o -> o.startsWith("-"))) {
      throw new IOException(
          launcher
              + " with "
              + PRINT
              + "=1 did not print JVM options (exit "
              + r.exitCode()
              + "; a launcher from before that switch?): "
              + (r.stdout() + r.stderr()).strip());
    }
    return opts;
  }
}
