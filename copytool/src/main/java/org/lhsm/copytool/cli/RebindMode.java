package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.copytool.posix.ArchiveMaintenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --rebind} of one pair or of a list file (compat spec §12.2). */
final class RebindMode {
  private static final Logger LOG = LoggerFactory.getLogger(RebindMode.class);

  private final Settings s;

  RebindMode(Settings s) {
    this.s = s;
  }

  int run() throws ModeRunner.ExitException {
    ModeRunner.checkHsmRoot(s.hsmRoot());
    ArchiveMaintenance m = new ArchiveMaintenance(s.paths());
    if (s.operands().size() == 2) {
      Path list = Path.of(s.operands().get(0));
      if (s.cmd().dryRun) {
        LOG.info("dry run: would rebind the pairs listed in '{}'", list);
        ModeRunner.logFinished(0, 0, 0);
        return 0;
      }
      try {
        ArchiveMaintenance.RebindSummary r = m.rebindList(list);
        int rc = r.failed() == 0 ? 0 : 1;
        ModeRunner.logFinished(r.failed(), 0, rc);
        return rc;
      } catch (IOException e) {
        int rc = Errno.numberOf(e, Errno.EIO);
        LOG.error("cannot read rebind list '{}': {}", list, e.getMessage());
        ModeRunner.logFinished(1, 0, rc);
        return rc;
      }
    }
    Fid oldFid;
    Fid newFid;
    try {
      oldFid = Fid.parseLenient(s.operands().get(0));
      newFid = Fid.parseLenient(s.operands().get(1));
    } catch (IllegalArgumentException e) {
      throw new ModeRunner.ExitException(Errno.EINVAL.number(), e.getMessage());
    }
    if (s.cmd().dryRun) {
      LOG.info("dry run: would rebind {} to {}", oldFid, newFid);
      ModeRunner.logFinished(0, 0, 0);
      return 0;
    }
    try {
      m.rebind(oldFid, newFid);
      ModeRunner.logFinished(0, 0, 0);
      return 0;
    } catch (IOException e) {
      int rc = Errno.numberOf(e, Errno.EIO);
      LOG.error("cannot rebind {} to {}: {}", oldFid, newFid, e.getMessage());
      ModeRunner.logFinished(1, 0, rc);
      return rc;
    }
  }
}
