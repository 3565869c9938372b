package org.lhsm.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The runnable jars of the other modules, located by the system properties the pom sets. */
public final class Jars {
  private Jars() {}

  public static Path copytool() {
    return jar("lhsm.copytool.jar", "copytool");
  }

  private static Path jar(String property, String module) {
    String v = System.getProperty(property, "").strip();
    if (v.isEmpty()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (run the suite through Maven)");
    }
    Path p = Path.of(v).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(
          property
              + " = "
              + p
              + " does not exist: build it first (mvn -pl integration-tests -am verify packages "
              + module
              + ")");
    }
    return p;
  }
}
