package org.lhsm.bench.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Where the emulator comes from ({@code --emulator-jar}, {@code --emulator-lib}; by default this
 * source tree's build output), and starting it for one measurement. A picocli mixin.
 */
public final class EmulatorOptions {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorOptions.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

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

  /** A started emulator whose stop also runs from a shutdown hook until it is closed. */
  public static final class Running implements AutoCloseable {
    private final EmulatorProcess process;
    private final Thread hook;

    Running(EmulatorProcess process) {
      this.process = process;
      this.hook = new Thread(process::close, "emulator-stop");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    public EmulatorProcess process() {
      return process;
    }

    @Override
    public void close() {
      process.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway, and finds the daemon gone
      }
    }
  }

  /**
   * Points this JVM's bindings at the emulation library and starts the daemon with {@code mounts}
   * mounts in a new directory (see {@link EmulatorProcess#newDirectory}), logging to {@code log}.
   * The daemon is stopped by PID when the result is closed, or by a shutdown hook if this JVM is
   * stopped first.
   */
  public Running start(Path preferredParent, int mounts, Path log)
      throws IOException, InterruptedException {
    Path jar = locate(emulatorJar, "lhsm.emulator.jar", "emulator/target/lhsm-emulator.jar");
    Path lib = locate(emulatorLib, "lhsm.emulator.lib", "native/target/native/liblustreapi.so.1");
    // the bindings in this JVM must load the emulation library, whatever the environment says
    System.setProperty("lhsm.liblustreapi", lib.toString());
    Path dir = EmulatorProcess.newDirectory(preferredParent);
    return new Running(EmulatorProcess.start(jar, lib, dir, mounts, log, START_TIMEOUT));
  }

  /**
   * An explicit path, else a system property, else {@code relative} in this source tree: found from
   * the harness jar ({@code bench/target/lhsm-bench.jar}) or from the current directory or its
   * parent.
   */
  static Path locate(Path given, String property, String relative) throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (given != null) {
      candidates.add(given);
    } else if (System.getProperty(property) != null) {
      candidates.add(Path.of(System.getProperty(property)));
    } else {
      try {
        Path self =
            Path.of(
                EmulatorOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path tree = self.toAbsolutePath().getParent().getParent().getParent();
        if (tree != null) {
          candidates.add(tree.resolve(relative));
        }
      } catch (java.net.URISyntaxException | RuntimeException e) {
        LOG.debug("cannot locate the harness jar: {}", e.toString());
      }
      Path cwd = Path.of("").toAbsolutePath();
      candidates.add(cwd.resolve(relative));
      if (cwd.getParent() != null) {
        candidates.add(cwd.getParent().resolve(relative));
      }
    }
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IOException(
        "cannot find "
            + relative
            + " (looked at "
            + candidates
            + "); build it (mvn -B -q -pl bench -am package -DskipTests) or pass --"
            + (property.endsWith("jar") ? "emulator-jar" : "emulator-lib"));
  }
}
