package org.lhsm.emulator.fs;

import org.lhsm.emulator.codec.Fid;

/**
 * The line format of one record in the FID table: {@code F2 <fid> <ino> <tagged> <flags> <archive
 * id> <archive version> <data version> <size> <mtime ns> <ctime ns> <regular> <volatile> <path>}.
 * Legacy {@code F} lines (written before tagging existed) have no tagged column: the record starts
 * untagged and is tagged when next seen.
 */
final class FidTableLines {
  private FidTableLines() {}

  static String format(FileRecord r) {
    return String.join(
        " ",
        "F2",
        r.fid().noBrace(),
        Long.toString(r.ino()),
        r.tagged() ? "1" : "0",
        Integer.toString(r.flags()),
        Integer.toUnsignedString(r.archiveId()),
        Long.toString(r.archiveVersion()),
        Long.toString(r.dataVersion()),
        Long.toString(r.size()),
        Long.toString(r.mtimeNs()),
        Long.toString(r.ctimeNs()),
        r.isRegular() ? "1" : "0",
        r.isVolatile() ? "1" : "0",
        r.relPath());
  }

  static FileRecord parse(String line) {
    boolean legacy = line.startsWith("F ");
    String[] f = line.split(" ", legacy ? 13 : 14);
    String[] p = f;
    boolean tagged = false;
    if (!legacy) {
      tagged = f[3].equals("1");
      p = new String[13];
      p[0] = f[0];
      p[1] = f[1];
      p[2] = f[2];
      System.arraycopy(f, 4, p, 3, 10);
    }
    FileRecord r = new FileRecord(Fid.parse(p[1]));
    r.setIno(Long.parseLong(p[2]));
    r.setTagged(tagged);
    r.setFlags(Integer.parseInt(p[3]));
    r.setArchiveId(Integer.parseUnsignedInt(p[4]));
    r.setArchiveVersion(Long.parseLong(p[5]));
    r.setDataVersion(Long.parseLong(p[6]));
    r.setBaseline(Long.parseLong(p[7]), Long.parseLong(p[8]), Long.parseLong(p[9]));
    r.setRegular(p[10].equals("1"));
    r.setVolatile(p[11].equals("1"));
    r.setRelPath(p[12]);
    return r;
  }
}
