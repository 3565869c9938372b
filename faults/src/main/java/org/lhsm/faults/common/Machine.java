package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lhsm.emulator.testkit.ChildProcess;

/** Where a campaign ran: for the report and the README table. */
public final class Machine {
  private Machine() {}

  /** E.g. {@code 2 cpus, 23 GiB, Linux 6.18, JDK 17.0.15}. */
  public static String describe() {
    long memKb = 0;
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          memKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      memKb = 0;
    }
    return Runtime.getRuntime().availableProcessors()
        + " cpus, "
        + Math.round(memKb / 1048576.0)
        + " GiB, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version").replaceAll("^(\\d+\\.\\d+).*", "$1")
        + ", JDK "
        + System.getProperty("java.version");
  }

  /** The tree's commit ({@code git rev-parse --short HEAD}), or {@code ?}. */
  public static String commit(Path tree) {
    try {
      ChildProcess.Result r =
          ChildProcess.run(
              List.of("git", "-C", tree.toString(), "rev-parse", "--short", "HEAD"),
              Map.of(),
              Duration.ofSeconds(30));
      return r.exitCode() == 0 ? r.stdout().strip() : "?";
    } catch (IOException | AssertionError e) {
      return "?";
    }
  }
}
