package org.lhsm.copytool.cli;

import java.io.IOException;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.posix.ArchiveMaintenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --archive-upgrade=<v1|v2>}: converts the archive layout in place. */
final class ArchiveUpgradeMode {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveUpgradeMode.class);

  private final Settings s;

  ArchiveUpgradeMode(Settings s) {
    this.s = s;
  }

  int run() throws ModeRunner.ExitException {
    ModeRunner.checkHsmRoot(s.hsmRoot());
    if (s.cmd().dryRun) {
      LOG.info("dry run: would convert '{}' to {}", s.hsmRoot(), s.cmd().upgradeTarget.cliName());
      ModeRunner.logFinished(0, 0, 0);
      return 0;
    }
    try {
      int n = new ArchiveMaintenance(s.paths()).upgrade(s.cmd().upgradeTarget);
      LOG.info("moved {} files to the {} layout", n, s.cmd().upgradeTarget.cliName());
      ModeRunner.logFinished(0, 0, 0);
      return 0;
    } catch (IOException e) {
      int rc = Errno.numberOf(e, Errno.EIO);
      LOG.error("archive upgrade failed: {}", e.getMessage());
      ModeRunner.logFinished(1, 0, rc);
      return rc;
    }
  }
}
