package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the process name ({@code comm}) so {@code pgrep hsmtool} finds the JVM: Linux lets a process
 * rename its own thread group leader through {@code /proc/self/comm} (15 bytes max).
 */
final class ProcessName {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessName.class);
  static final int MAX = 15;

  private ProcessName() {}

  static String truncate(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX ? name : new String(b, 0, MAX, StandardCharsets.UTF_8);
  }

  static void set(String name) {
    Path comm = Path.of("/proc/self/comm");
    try {
      Files.writeString(comm, truncate(name));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot set process name to '{}': {}", name, e.getMessage());
    }
  }
}
