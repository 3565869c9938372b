package org.lhsm.copytool.posix;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lhsm.bindings.CopytoolAction;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.HsmActionItem;
import org.lhsm.bindings.HsmExtent;
import org.lhsm.copytool.fakes.FakeActionHandle;
import org.lhsm.emulator.testkit.ChildProcess;
import org.slf4j.LoggerFactory;

/**
 * An archive filesystem without user extended attributes (ramfs): archives go without a checksum,
 * with one warning, and restore unverified. Root only (it mounts a ramfs); skipped otherwise.
 */
class NoUserXattrsTest {
  @TempDir Path tmp;

  @Test
  void archivesWithoutChecksumAndWarnsOnce() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "mounting a ramfs needs root");
    Path root = Files.createDirectories(tmp.resolve("ramfs"));
    ChildProcess.Result m =
        ChildProcess.run(
            List.of("mount", "-t", "ramfs", "ramfs", root.toString()),
            java.util.Map.of(),
            Duration.ofSeconds(30));
    Assumptions.assumeTrue(m.exitCode() == 0, "cannot mount a ramfs: " + m.stderr());
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger("org.lhsm.copytool.posix");
    log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    log.start();
    logger.addAppender(log);
    try {
      PosixArchiveBackend b =
          new PosixArchiveBackend(
              new PosixOptions(
                  new ArchivePaths(root, ArchiveFormat.V2),
                  false,
                  false,
                  false,
                  ChecksumAlgorithm.CRC32C));
      for (int i = 1; i <= 2; i++) {
        Fid fid = new Fid(0x200000401L, i, 0);
        HsmActionItem a =
            new HsmActionItem(CopytoolAction.ARCHIVE, fid, fid, HsmExtent.whole(), i, 0, null);
        byte[] bytes = new byte[70_000 * i];
        new Random(i).nextBytes(bytes);
        Path lustre = Files.write(tmp.resolve("lustre-" + i), bytes);
        b.archive(a, new FakeActionHandle(a, lustre, false), new RecordingControl(1 << 16));

        HsmActionItem r =
            new HsmActionItem(CopytoolAction.RESTORE, fid, fid, HsmExtent.whole(), i, 0, null);
        Path vol = tmp.resolve("volatile-" + i);
        b.restore(r, new FakeActionHandle(r, vol, true), new RecordingControl(1 << 16));
        assertThat(Files.readAllBytes(vol)).isEqualTo(bytes);
        assertThat(ArchivePaths.checksumPath(b.paths().dataPath(fid))).doesNotExist();
      }
      assertThat(
              log.list.stream()
                  .filter(e -> e.getLevel() == Level.WARN)
                  .map(ILoggingEvent::getFormattedMessage)
                  .filter(w -> w.contains("no user extended attributes")))
          .hasSize(1);
    } finally {
      logger.detachAppender(log);
      ChildProcess.run(
          List.of("umount", root.toString()), java.util.Map.of(), Duration.ofSeconds(30));
    }
  }
}
