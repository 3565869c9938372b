package org.lhsm.faults.common;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the pieces under test are: the copytool's and agentctl's runnable jars, the emulator jar,
 * the emulation library; found in this source tree (the module's {@code target/}) unless given.
 */
public final class Env {
  private final Path tree;
  private final Path copytoolJar;
  private final Path agentctlJar;
  private final Path emulatorJar;
  private final Path nativeDir;

  private Env(Path tree, Path copytoolJar, Path agentctlJar, Path emulatorJar, Path nativeDir) {
    this.tree = tree;
    this.copytoolJar = copytoolJar;
    this.agentctlJar = agentctlJar;
    this.emulatorJar = emulatorJar;
    this.nativeDir = nativeDir;
  }

  /** Finds everything in the source tree that holds {@code start} (or the working directory). */
  public static Env find(Path start) throws IOException {
    Path tree =
        sourceTree(start).orElseThrow(() -> new IOException("no lhsm-java tree above " + start));
    Path copytool = runnableJar(tree.resolve("copytool/target"), "lhsm-copytool-");
    Path agentctl = runnableJar(tree.resolve("agentctl/target"), "lhsm-agentctl-");
    Path emulator = tree.resolve("emulator/target/lhsm-emulator.jar");
    Path nativeDir = tree.resolve("native/target/native");
    for (Path p :
        new Path[] {copytool, agentctl, emulator, nativeDir.resolve("liblustreapi.so.1")}) {
      if (!Files.exists(p)) {
        throw new IOException(p + " not built: mvn -B -q -pl faults -am package -DskipTests");
      }
    }
    return new Env(tree, copytool, agentctl, emulator, nativeDir);
  }

  private static Optional<Path> sourceTree(Path start) {
    for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("copytool"))
          && Files.isDirectory(d.resolve("emulator"))
          && Files.isRegularFile(d.resolve("pom.xml"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static Path runnableJar(Path dir, String prefix) throws IOException {
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, prefix + "*-all.jar")) {
        for (Path p : s) {
          return p;
        }
      }
    }
    return dir.resolve(prefix + "*-all.jar");
  }

  public Path tree() {
    return tree;
  }

  public Path copytoolJar() {
    return copytoolJar;
  }

  public Path agentctlJar() {
    return agentctlJar;
  }

  public Path emulatorJar() {
    return emulatorJar;
  }

  public Path nativeDir() {
    return nativeDir;
  }

  public Path library() {
    return nativeDir.resolve("liblustreapi.so.1");
  }
}
