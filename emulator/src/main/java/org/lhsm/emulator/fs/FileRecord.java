package org.lhsm.emulator.fs;

import org.lhsm.emulator.codec.Fid;

/**
 * What the emulated MDT knows about one object: its FID, where it was last seen (inode, path), its
 * HSM attributes, its data version and the attributes the data version is derived from.
 */
public final class FileRecord {
  private final Fid fid;
  private long ino;

  /**
   * Birth time (ns) of the backing object: with the inode, what tells this object from a later one
   * that reuses the inode. 0 when unknown (no birth times on this system, or not seen yet).
   */
  private long birthTimeNs;

  /**
   * Loaded from a line of a daemon before the birth-time identity ({@code F}/{@code F2}): to be
   * migrated at load; {@link #legacyTagged} says whether that daemon had tagged the object.
   */
  private boolean legacy;

  private boolean legacyTagged;

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

  long birthTimeNs() {
    return birthTimeNs;
  }

  boolean isLegacy() {
    return legacy;
  }

  boolean legacyTagged() {
    return legacyTagged;
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

  void setBirthTimeNs(long birthTimeNs) {
    this.birthTimeNs = birthTimeNs;
  }

  /** Marks a record read from an {@code F}/{@code F2} line (tagged or not) for migration. */
  void setLegacy(boolean tagged) {
    this.legacy = true;
    this.legacyTagged = tagged;
  }

  /** The record has been migrated (it is written as an {@code F3} line from now on). */
  void clearLegacy() {
    this.legacy = false;
    this.legacyTagged = false;
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
