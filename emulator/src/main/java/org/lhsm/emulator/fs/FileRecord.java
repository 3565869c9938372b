package org.lhsm.emulator.fs;

import org.lhsm.emulator.codec.Fid;

/**
 * What the emulated MDT knows about one object: its FID, where it was last seen (inode, path), its
 * HSM attributes, its data version and the attributes the data version is derived from.
 */
public final class FileRecord {
  private final Fid fid;
  private long ino;

  /** Whether the backing object carries the {@code user.lhsm.fid} tag (see {@link FidTag}). */
  private boolean tagged;

  private String relPath;
  private boolean regular;
  private boolean isVolatile;
  private int flags;
  private int archiveId;
  private long archiveVersion;
  private long dataVersion;
  private long size;
  private long mtimeNs;
  private long ctimeNs;

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

  /** Inode number of the backing object. */
  long ino() {
    return ino;
  }

  boolean tagged() {
    return tagged;
  }

  /** Size last seen (the data-version baseline, with the two times). */
  long size() {
    return size;
  }

  long mtimeNs() {
    return mtimeNs;
  }

  long ctimeNs() {
    return ctimeNs;
  }

  void setIno(long ino) {
    this.ino = ino;
  }

  void setTagged(boolean tagged) {
    this.tagged = tagged;
  }

  void setRelPath(String relPath) {
    this.relPath = relPath;
  }

  void setRegular(boolean regular) {
    this.regular = regular;
  }

  void setVolatile(boolean isVolatile) {
    this.isVolatile = isVolatile;
  }

  void setFlags(int flags) {
    this.flags = flags;
  }

  void setArchiveId(int archiveId) {
    this.archiveId = archiveId;
  }

  void setArchiveVersion(long archiveVersion) {
    this.archiveVersion = archiveVersion;
  }

  void setDataVersion(long dataVersion) {
    this.dataVersion = dataVersion;
  }

  /** Sets the attributes a later observation is compared with. */
  void setBaseline(long size, long mtimeNs, long ctimeNs) {
    this.size = size;
    this.mtimeNs = mtimeNs;
    this.ctimeNs = ctimeNs;
  }

  void setCtimeNs(long ctimeNs) {
    this.ctimeNs = ctimeNs;
  }
}
