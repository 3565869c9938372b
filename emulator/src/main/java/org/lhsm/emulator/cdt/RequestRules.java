package org.lhsm.emulator.cdt;

import static org.lhsm.emulator.codec.Hsm.HSMA_ARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_REMOVE;
import static org.lhsm.emulator.codec.Hsm.HSMA_RESTORE;
import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_DIRTY;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_LOST;
import static org.lhsm.emulator.codec.Hsm.HS_NOARCHIVE;
import static org.lhsm.emulator.codec.Hsm.HS_RELEASED;

import org.lhsm.emulator.fs.FileRecord;

/** The MDT's "is this action needed" and "is it compatible with the file's state" rules. */
final class RequestRules {
  private RequestRules() {}

  static boolean needed(FileRecord f, int hsma) {
    return switch (hsma) {
      case HSMA_ARCHIVE -> f.has(HS_DIRTY) || !f.has(HS_ARCHIVED);
      case HSMA_RESTORE -> f.has(HS_RELEASED) || f.has(HS_DIRTY);
      case HSMA_REMOVE -> f.has(HS_ARCHIVED) || f.has(HS_EXISTS);
      default -> true;
    };
  }

  static boolean compatible(FileRecord f, int hsma, int archiveId) {
    return switch (hsma) {
      case HSMA_ARCHIVE ->
          !f.has(HS_NOARCHIVE)
              && (f.has(HS_DIRTY) || !f.has(HS_ARCHIVED))
              && !(f.has(HS_EXISTS) && archiveId != 0 && archiveId != f.archiveId());
      case HSMA_RESTORE ->
          f.has(HS_RELEASED) && f.has(HS_ARCHIVED) && !f.has(HS_DIRTY) && !f.has(HS_LOST);
      case HSMA_REMOVE -> !f.has(HS_RELEASED) && (f.has(HS_ARCHIVED) || f.has(HS_EXISTS));
      default -> true;
    };
  }
}
