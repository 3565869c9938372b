package org.lhsm.emulator.fs;

import org.lhsm.emulator.codec.Fid;

/** What the emulated MDT knows about one object: its FID, inode, HSM attributes, versions. */
public final class FileRecord {
  final Fid fid;
  long ino;

  /** Whether the backing object carries the {@code user.lhsm.fid} tag (see {@link FidTag}). */
  boolean tagged;

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
        "F2",
        fid.noBrace(),
        Long.toString(ino),
        tagged ? "1" : "0",
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

  /**
   * Parses an {@code F2} line, or a legacy {@code F} line (written before tagging existed: the
   * record starts untagged and is tagged when next seen).
   */
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
    r.ino = Long.parseLong(p[2]);
    r.tagged = tagged;
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
