package org.lhsm.copytool.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --daemon} without the launcher script: start the same JVM command again in a new session
 * (via {@code setsid} when available) with stdio inherited and stdin from /dev/null, and let this
 * process return 0. The child sees {@link #CHILD_ENV} and does not fork again.
 */
final class Daemonizer {
  static final String CHILD_ENV = "LHSM_DAEMON_CHILD";

  private Daemonizer() {}

  static boolean isChild() {
    return System.getenv(CHILD_ENV) != null;
  }

  static long relaunch(String[] originalArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    for (String setsid : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      if (Files.isExecutable(Path.of(setsid))) {
        cmd.add(setsid);
        break;
      }
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(originalArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put(CHILD_ENV, "1");
    pb.redirectInput(new File("/dev/null"));
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start().pid();
  }
}
