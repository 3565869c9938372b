package org.lhsm.emulator.fs;

import org.lhsm.emulator.codec.Fid;

/**
 * The line format of one record in the FID table: {@code F3 <fid> <ino> <birth time ns> <flags>
 * <archive id> <archive version> <data version> <size> <mtime ns> <ctime ns> <regular> <volatile>
 * <path>}. Lines of older daemons still load and are migrated: {@code F2} (a column "object carries
 * its {@code user.lhsm.fid} tag" where F3 has the birth time) and {@code F} (neither).
 */
final class FidTableLines {
  private FidTableLines() {}

  static boolean isRecordLine(String line) {
    return line.startsWith("F3 ") || line.startsWith("F2 ") || line.startsWith("F ");
  }

  static String format(FileRecord r) {
    return String.join(
        " ",
        "F3",
        r.fid().noBrace(),
        Long.toString(r.ino()),
        Long.toString(r.birthTimeNs()),
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
    boolean f = line.startsWith("F ");
    String[] c = line.split(" ", f ? 13 : 14);
    String[] p = c;
    long birth = 0;
    if (!f) {
      if (c[0].equals("F3")) {
        birth = Long.parseLong(c[3]);
      }
      p = new String[13];
      System.arraycopy(c, 0, p, 0, 3);
      System.arraycopy(c, 4, p, 3, 10);
    }
    FileRecord r = new FileRecord(Fid.parse(p[1]));
    r.setIno(Long.parseLong(p[2]));
    r.setBirthTimeNs(birth);
    if (!c[0].equals("F3")) {
      r.setLegacy(c[0].equals("F2") && c[3].equals("1"));
    }
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
