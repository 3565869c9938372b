package org.lhsm.copytool.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.bindings.LustreApi;
import org.lhsm.copytool.core.ActionSource;
import org.lhsm.copytool.core.LustreAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's training run, {@code jhsmtool --cds-training DIR} (hidden): does what a real start
 * does, so that the JVM, started with {@code -XX:DumpLoadedClassList}, lists the classes a real
 * start loads (the launcher then dumps a static class-data-sharing archive of them with {@code
 * -Xshare:dump}), and leaves in {@code DIR} what lets later starts skip work:
 *
 * <ul>
 *   <li>the copytool command line through the real command and copytool mode ({@code --hsm-root
 *       DIR/arc -A 1 --pid-file DIR/pid DIR/mnt}): logging, option parsing, settings, stale
 *       temporary scan, pid file, the engine with its workers and the POSIX backend archiving,
 *       restoring and removing two files (crc32c, shadow links), from a {@link CdsTrainingSource}
 *       instead of a registration: nothing is registered, nothing outside {@code DIR} is written;
 *   <li>liblustreapi and libc through the bindings (JNA), a call into the library when it is
 *       installed; JNA's native stub ({@code jnidispatch.path}, extracted by JNA and kept with
 *       {@code -Djnidispatch.preserve=true}) copied to {@code DIR/libjnidispatch.so}, and the
 *       library search path JNA computed (it runs {@code ldconfig -p} for it) to {@code
 *       DIR/jna-platform-path}: the launcher hands both back to later starts.
 * </ul>
 *
 * The launcher renames the results into its cache once this JVM has exited with 0. Never run by a
 * real start.
 */
final class CdsTraining {
  /** The hidden first argument. */
  static final String OPTION = "--cds-training";

  private static final Logger LOG = LoggerFactory.getLogger(CdsTraining.class);

  private CdsTraining() {}

  /** Runs the training in {@code dir}; 0 when every step that must work did. */
  static int run(Path dir, String prog) {
    try {
      Path arc = Files.createDirectories(dir.resolve("arc"));
      Path mnt = Files.createDirectories(dir.resolve("mnt"));
      LustreAccess real = Main.loadAccess();
      CdsTrainingSource source = new CdsTrainingSource(Files.createDirectories(dir.resolve("fs")));
      Training access = new Training(real, source, dir);
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8");
      int status =
          Main.execute(
              new String[] {
                "--hsm-root",
                arc.toString(),
                "-A",
                "1",
                "--pid-file",
                dir.resolve("pid").toString(),
                "--lock-dir",
                dir.resolve("locks").toString(),
                mnt.toString()
              },
              access,
              prog,
              quiet,
              System.err);
      loadStartupClasses();
      saveJnaFiles(dir);
      if (!source.allEnded()) {
        LOG.error(
            "training: {} of {} actions ended (copytool mode exited {})",
            source.ended(),
            CdsTrainingSource.ACTIONS,
            status);
        return 1;
      }
      LOG.info("training done");
      return 0;
    } catch (IOException | RuntimeException e) {
      LOG.error("training failed: {}", e.toString());
      return 1;
    }
  }

  /** Classes a real start loads on paths the training cannot take (signals, registration). */
  private static void loadStartupClasses() {
    for (String name :
        List.of(
            "org.lhsm.copytool.cli.Signals",
            "org.lhsm.copytool.cli.ProcessName",
            "org.lhsm.copytool.cli.Daemonizer",
            "org.lhsm.copytool.lustre.SessionActionSource",
            "org.lhsm.copytool.lustre.CopyActionHandle",
            "org.lhsm.bindings.CopytoolSession",
            "org.lhsm.bindings.CopyAction",
            "org.lhsm.bindings.HsmClient",
            "org.lhsm.bindings.internal.WakeupPipe",
            "org.lhsm.bindings.internal.PathFds",
            "org.lhsm.bindings.internal.FdFileChannel",
            "org.lhsm.bindings.internal.Errors",
            "sun.misc.Signal",
            "sun.misc.SignalHandler")) {
      try {
        Class.forName(name, false, CdsTraining.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("training: {} not loaded: {}", name, e.toString());
      }
    }
  }

  /** {@code DIR/libjnidispatch.so} and {@code DIR/jna-platform-path}, when JNA was loaded. */
  private static void saveJnaFiles(Path dir) throws IOException {
    String dispatch = System.getProperty("jnidispatch.path");
    if (dispatch != null && Files.isRegularFile(Path.of(dispatch))) {
      Files.copy(
          Path.of(dispatch), dir.resolve("libjnidispatch.so"), StandardCopyOption.REPLACE_EXISTING);
    }
    String platform = System.getProperty("jna.platform.library.path");
    if (platform != null && !platform.isBlank()) {
      Files.writeString(dir.resolve("jna-platform-path"), platform, StandardCharsets.UTF_8);
    }
  }

  /** The real library for probes, the training source instead of a registration. */
  private static final class Training implements LustreAccess {
    private final LustreAccess real;
    private final CdsTrainingSource source;
    private final Path dir;

    Training(LustreAccess real, CdsTrainingSource source, Path dir) {
      this.real = real;
      this.source = source;
      this.dir = dir;
    }

    @Override
    public String clientUuid(Path mount) {
      return "cds-training";
    }

    @Override
    public String fsname(Path mount) {
      try {
        real.fsname(dir); // loads the library and calls it; DIR is no Lustre mount
      } catch (IOException | RuntimeException | LinkageError e) {
        LOG.debug("training: fsname of {}: {}", dir, e.toString());
      }
      try {
        LustreApi.routeLogsToSlf4j();
      } catch (IOException | RuntimeException | LinkageError e) {
        LOG.debug("training: no library callback: {}", e.toString());
      }
      return CdsTrainingSource.FSNAME;
    }

    @Override
    public ActionSource register(Path mount, List<Integer> archiveIds) {
      return source;
    }

    @Override
    public Fid importFile(Path dst, int archiveId, ImportAttributes attributes) throws IOException {
      throw new IOException("not in a training run");
    }

    @Override
    public AutoCloseable registerEventFifo(Path fifo) throws IOException {
      throw new IOException("not in a training run");
    }
  }
}
