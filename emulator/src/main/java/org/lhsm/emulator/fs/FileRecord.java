package org.lhsm.emulator.fs;

import org.lhsm.emulator.codec.Fid;

/** What the emulated MDT knows about one object: its FID, inode, HSM attributes, versions. */
public final class FileRecord {
  final Fid fid;
  long ino;
  String relPath;
  boolean regular;
  boolean isVolatile;
  int flags;
  int archiveId;
  long archiveVersion;
  long dataVersion;
  long size;
  long mtimeNs;
  long ctimeNs;

  FileRecord(Fid fid) {
    this.fid = fid;
  }

  public Fid fid() {
    return fid;
  }

  /** HSM flags ({@code HS_*}). */
  public int flags() {
    return flags;
  }

  public int archiveId() {
    return archiveId;
  }

  public long archiveVersion() {
    return archiveVersion;
  }

  public long dataVersion() {
    return dataVersion;
  }

  /** Path relative to the filesystem root, as last seen. */
  public String relPath() {
    return relPath;
  }

  public boolean isRegular() {
    return regular;
  }

  public boolean isVolatile() {
    return isVolatile;
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  String serialize() {
    return String.join(
        " ",
        "F",
        fid.noBrace(),
        Long.toString(ino),
        Integer.toString(flags),
        Integer.toUnsignedString(archiveId),
        Long.toString(archiveVersion),
        Long.toString(dataVersion),
        Long.toString(size),
        Long.toString(mtimeNs),
        Long.toString(ctimeNs),
        regular ? "1" : "0",
        isVolatile ? "1" : "0",
        relPath);
  }

  static FileRecord parse(String line) {
    String[] p = line.split(" ", 13);
    FileRecord r = new FileRecord(Fid.parse(p[1]));
    r.ino = Long.parseLong(p[2]);
    r.flags = Integer.parseInt(p[3]);
    r.archiveId = Integer.parseUnsignedInt(p[4]);
    r.archiveVersion = Long.parseLong(p[5]);
    r.dataVersion = Long.parseLong(p[6]);
    r.size = Long.parseLong(p[7]);
    r.mtimeNs = Long.parseLong(p[8]);
    r.ctimeNs = Long.parseLong(p[9]);
    r.regular = p[10].equals("1");
    r.isVolatile = p[11].equals("1");
    r.relPath = p[12];
    return r;
  }
}
