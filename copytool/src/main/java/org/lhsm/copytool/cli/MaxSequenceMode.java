package org.lhsm.copytool.cli;

import java.io.IOException;
import org.lhsm.bindings.Errno;
import org.lhsm.copytool.posix.ArchiveMaintenance;

/** {@code --max-sequence}: prints the stock tool's (layout-unaware) sequence guess. */
final class MaxSequenceMode {
  private final Settings s;

  MaxSequenceMode(Settings s) {
    this.s = s;
  }

  int run() throws ModeRunner.ExitException {
    ModeRunner.checkHsmRoot(s.hsmRoot());
    try {
      long seq = new ArchiveMaintenance(s.paths()).maxSequence();
      Main.out().println("max_sequence: 0x" + Long.toHexString(seq));
      Main.out().flush();
      return 0;
    } catch (IOException e) {
      throw new ModeRunner.ExitException(
          Errno.numberOf(e, Errno.EIO), "cannot scan archive: " + e.getMessage());
    }
  }
}
