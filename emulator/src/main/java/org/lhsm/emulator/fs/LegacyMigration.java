package org.lhsm.emulator.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the records that daemons before the birth-time identity wrote ({@code F2} lines, which
 * relied on the {@code user.lhsm.fid} tag, and the older untagged {@code F} lines), once, at load.
 * The tag is trusted one last time: a tagged record whose object carries its FID keeps its FID and
 * HSM state and takes the object's birth time; one whose inode now holds an object with another tag
 * (or none) describes a deleted object and is forgotten (the next housekeeping scan reports it).
 * Untagged records are matched by inode and type, as before. Every tag found is removed; the ctime
 * that removal moves is accepted as the baseline when nothing else changed it.
 */
final class LegacyMigration {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyMigration.class);

  private LegacyMigration() {}

  static void run(FidTable table, Namespace ns) {
    List<FileRecord> legacy = table.records().stream().filter(FileRecord::isLegacy).toList();
    if (legacy.isEmpty()) {
      return;
    }
    Map<Long, Path> tree = null;
    int gone = 0;
    for (FileRecord r : legacy) {
      Path p = ns.pathOf(r);
      ObjectAttrs a = ObjectAttrs.orNull(p);
      if (!r.isVolatile() && (a == null || a.ino() != r.ino())) {
        if (tree == null) {
          tree = ns.walk();
        }
        p = tree.get(r.ino());
        a = p == null ? null : ObjectAttrs.orNull(p);
      }
      if (a == null || a.ino() != r.ino() || !sameObject(r, p, a)) {
        ns.forgetGone(r);
        gone++;
        continue;
      }
      if (LegacyFidTag.remove(p)) {
        ObjectAttrs after = ObjectAttrs.orNull(p);
        if (after != null) {
          if (r.ctimeNs() == a.ctimeNs()) {
            r.setCtimeNs(after.ctimeNs());
          }
          a = after;
        }
      }
      ns.identify(r, a);
      String rel = ns.root().relative(p);
      if (!rel.equals(r.relPath())) {
        r.setRelPath(rel);
        ns.relink(r);
      }
      r.clearLegacy();
    }
    table.compact();
    LOG.info(
        "FID table migrated from the tag-based format: {} records kept, {} objects gone",
        legacy.size() - gone,
        gone);
  }

  /** The identity rule of the tag-based daemon, plus the object type. */
  private static boolean sameObject(FileRecord r, Path p, ObjectAttrs a) {
    if (a.regular() != r.isRegular()) {
      return false;
    }
    return !r.legacyTagged() || r.isVolatile() || r.fid().noBrace().equals(LegacyFidTag.read(p));
  }
}
