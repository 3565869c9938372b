package org.lhsm.emulator.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.OpenFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paths and objects of the backing directory: which path lies inside the filesystem, the record of
 * the object at a path (a FID assigned on first sight), the current path of a FID (following
 * renames by inode), the {@code .lustre/fid} links, and the housekeeping walk.
 *
 * <p>An object is known by its inode and its birth time: inodes are reused after a delete, birth
 * times are not, so an object whose inode is known but whose birth time (or type) differs is a new
 * object with a new FID and empty HSM state. Nothing is written on the objects themselves, so a
 * copytool sees none of it. Without birth times ({@link BirthTimes}) inode and type decide alone.
 */
final class Namespace {
  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);
  private final FsRoot root;
  private final FidTable table;
  private final FidLinks links;
  private final boolean birthTimes;

  /** Objects a restore replaced, which descriptors opened before it still name. */
  private final ReplacedObjects replaced = new ReplacedObjects();

  /** Objects a lookup found gone since the last housekeeping scan (the scan reports them). */
  private final List<FileRecord> foundGone = new ArrayList<>();

  Namespace(FsRoot root, FidTable table) {
    this.root = root;
    this.table = table;
    this.links = new FidLinks(root.fidDir());
    this.birthTimes = BirthTimes.available(root.dotLustre());
  }

  /** The root and its {@code .lustre} directories. */
  FsRoot root() {
    return root;
  }

  /** Absolute path of a record (no existence check). */
  Path pathOf(FileRecord r) {
    return root.path().resolve(r.relPath());
  }

  /**
   * A path {@code .lustre/fid/<FID>} is a lookup by FID (as on Lustre, whatever the link in the
   * backing directory points at): the object's current path, {@code ENOENT} if it is gone. Other
   * paths are returned as they are.
   */
  private Path byFidIfUnderFidDir(Path p) throws HsmException {
    if (!root.fidDir().equals(p.getParent())) {
      return p;
    }
    Fid fid;
    try {
      fid = Fid.parse(p.getFileName().toString());
    } catch (IllegalArgumentException e) {
      throw new HsmException(Errno.ENOENT, p + ": not a FID");
    }
    return resolve(fid);
  }

  /** The object a request path names: {@code .lustre/fid/<FID>} by FID, others as they are. */
  private Path lookup(String path) throws HsmException {
    return byFidIfUnderFidDir(root.inside(path));
  }

  /** FID of a path, assigning one on first sight (does not follow a final symlink). */
  Fid path2fid(String path) throws HsmException {
    return fidAt(lookup(path));
  }

  private Fid fidAt(Path p) throws HsmException {
    if (p.equals(root.path())) {
      return Fid.ROOT;
    }
    if (p.equals(root.dotLustre())) {
      return Fid.DOT_LUSTRE;
    }
    if (p.equals(root.fidDir())) {
      return Fid.DOT_LUSTRE_FID;
    }
    return recordAt(p).fid();
  }

  /** The record of a regular file given by path ({@code ENOTTY} for other objects). */
  FileRecord regularFileAt(String path) throws HsmException {
    return regularAt(lookup(path), path);
  }

  /** {@link #regularFileAt} once {@code path} is looked up as {@code p}. */
  private FileRecord regularAt(Path p, String path) throws HsmException {
    if (p.equals(root.path()) || p.startsWith(root.dotLustre())) {
      throw new HsmException(Errno.ENOTTY, path + " is not a regular file");
    }
    FileRecord r = recordAt(p);
    if (!r.isRegular()) {
      throw new HsmException(Errno.ENOTTY, path + " is not a regular file");
    }
    return r;
  }

  /**
   * The record of the regular file open on a client's descriptor: the object at its path when it is
   * the descriptor's (or no inode was given); else the file a restore moved off the descriptor's
   * object; {@code ENOENT} when that object was deleted.
   */
  FileRecord regularFileOpenAt(OpenFile f) throws HsmException {
    Path p = lookup(f.path());
    FileRecord r = replacedUnder(p, f);
    return r != null ? r : regularAt(p, f.path());
  }

  /** {@link #path2fid} for a descriptor, as {@link #regularFileOpenAt} finds its object. */
  Fid fd2fid(OpenFile f) throws HsmException {
    Path p = lookup(f.path());
    FileRecord r = replacedUnder(p, f);
    return r != null ? r.fid() : fidAt(p);
  }

  /**
   * Null when the descriptor's object is the one at {@code p} (or no inode was given); else the
   * file a restore moved off it, or {@code ENOENT}.
   */
  private FileRecord replacedUnder(Path p, OpenFile f) throws HsmException {
    if (f.ino() == 0) {
      return null;
    }
    ObjectAttrs a = ObjectAttrs.orNull(p);
    if (a != null && a.ino() == f.ino()) {
      return null;
    }
    Fid fid = replaced.fileOf(f.ino(), f.birthTimeNs());
    FileRecord r = fid == null ? null : table.find(fid);
    if (r == null) {
      throw new HsmException(Errno.ENOENT, f.path() + ": the open file no longer exists");
    }
    return r;
  }

  /** A restore moves {@code r} to another object: descriptors open on its present one follow. */
  void replacing(FileRecord r) {
    replaced.replaced(r.ino(), r.birthTimeNs(), r.fid());
  }

  /** The record of the object at {@code p}; a new record (new FID) on first sight. */
  FileRecord recordAt(Path p) throws HsmException {
    ObjectAttrs a = ObjectAttrs.of(p);
    FileRecord known = table.atInode(a.ino());
    if (known != null) {
      if (isSame(known, a)) {
        String rel = root.relative(p);
        if (!rel.equals(known.relPath())) {
          known.setRelPath(rel);
          links.link(known);
          table.save(known);
        }
        learnBirthTime(known, a);
        return known;
      }
      LOG.info("{}: inode {} now holds a new object; {} is gone", p, a.ino(), known.fid());
      forgetGone(known);
    }
    if (LegacyFidTag.remove(p)) {
      a = ObjectAttrs.of(p); // a tag copied from elsewhere moved the ctime: baseline after it
    }
    FileRecord r = new FileRecord(table.allocate());
    replaced.live(a.ino());
    identify(r, a);
    r.setRelPath(root.relative(p));
    r.setRegular(a.regular());
    r.setVolatile(p.startsWith(root.volatileDir()));
    // Lustre sums the versions of the file's OST objects, which a write sets: a file never
    // written (no objects, or objects never written) has data version 0. An empty file seen for
    // the first time is taken as never written.
    r.setDataVersion(a.size() == 0 ? 0 : 1);
    r.setBaseline(a.size(), a.mtimeNs(), a.ctimeNs());
    table.add(r);
    links.link(r);
    table.save(r);
    return r;
  }

  /** Whether the object seen (whose inode matches) is the one the record describes. */
  boolean isSame(FileRecord r, ObjectAttrs a) {
    if (a.regular() != r.isRegular()) {
      return false;
    }
    return !birthTimes || r.birthTimeNs() == 0 || r.birthTimeNs() == a.birthTimeNs();
  }

  /** The record now describes the object seen (its inode and birth time; not persisted). */
  void identify(FileRecord r, ObjectAttrs a) {
    r.setIno(a.ino());
    r.setBirthTimeNs(birthTimes ? a.birthTimeNs() : 0);
  }

  /** A record without a birth time (migrated, or from before birth times) takes the object's. */
  private void learnBirthTime(FileRecord r, ObjectAttrs a) {
    if (birthTimes && r.birthTimeNs() == 0) {
      r.setBirthTimeNs(a.birthTimeNs());
      table.save(r);
    }
  }

  /** Where an object was found, and its attributes as read there. */
  record Located(Path path, ObjectAttrs attrs) {}

  /** Current path of a FID ({@code ENOENT} if the object is gone). */
  Path resolve(Fid fid) throws HsmException {
    if (fid.equals(Fid.ROOT)) {
      return root.path();
    }
    if (fid.equals(Fid.DOT_LUSTRE)) {
      return root.dotLustre();
    }
    if (fid.equals(Fid.DOT_LUSTRE_FID)) {
      return root.fidDir();
    }
    return locate(fid).path();
  }

  /**
   * Current path of an object's FID with its attributes (one {@code statx} when it is where it was
   * last seen); {@code ENOENT} if it is gone (then it is forgotten), {@code EINVAL} for an invalid
   * FID. Not for the root and {@code .lustre} FIDs ({@link #resolve}).
   */
  Located locate(Fid fid) throws HsmException {
    if (!fid.isSane()) {
      throw new HsmException(Errno.EINVAL, "invalid FID " + fid);
    }
    FileRecord r = table.find(fid);
    if (r == null) {
      links.unlink(fid); // a link left behind by a crash, if any
      throw new HsmException(Errno.ENOENT, "unknown FID " + fid);
    }
    Path p = pathOf(r);
    ObjectAttrs a = ObjectAttrs.orNull(p);
    if (a != null && a.ino() == r.ino() && isSame(r, a)) {
      learnBirthTime(r, a);
      return new Located(p, a);
    }
    Path found = r.isVolatile() ? null : walk().get(r.ino());
    a = found == null ? null : ObjectAttrs.orNull(found);
    if (a == null || !isSame(r, a)) {
      LOG.info("{} no longer exists: forgotten", fid);
      forgetGone(r);
      throw new HsmException(Errno.ENOENT, "object " + fid + " no longer exists");
    }
    r.setRelPath(root.relative(found));
    learnBirthTime(r, a);
    links.link(r);
    table.save(r);
    return new Located(found, a);
  }

  /** Relative path of a FID for fid2path: {@code /} for the root. */
  String fid2path(Fid fid) throws HsmException {
    Path p = resolve(fid);
    return p.equals(root.path()) ? "/" : root.relative(p);
  }

  /** Points the record's {@code .lustre/fid} link at its current path. */
  void relink(FileRecord r) {
    links.link(r);
  }

  /** Forgets a record and removes its FID link. */
  void forget(FileRecord r) {
    table.forget(r);
    links.unlink(r.fid());
  }

  /** Removes the {@code .lustre/fid} link of a FID the table has forgotten. */
  void unlinkFid(Fid fid) {
    links.unlink(fid);
  }

  /** Forgets a record whose object was found gone; the next scan reports it. */
  void forgetGone(FileRecord r) {
    forget(r);
    if (!r.isVolatile()) {
      foundGone.add(r);
    }
  }

  /** Removes {@code .lustre/fid} entries of FIDs the table does not know (left by a crash). */
  void removeStaleLinks() {
    links.removeAllBut(fid -> table.find(fid) != null);
  }

  /** Inode to path of every object outside {@code .lustre}. */
  Map<Long, Path> walk() {
    return TreeWalk.inodes(root.path(), root.dotLustre());
  }

  /**
   * Housekeeping walk: refreshes paths and FID links of renamed objects, hands regular files to
   * {@code observeRegular} (dirty detection) and forgets objects that no longer exist; returns the
   * forgotten records, with those that lookups found gone since the last scan.
   */
  List<FileRecord> scan(Consumer<FileRecord> observeRegular) {
    List<FileRecord> gone = new ArrayList<>(foundGone);
    foundGone.clear();
    Map<Long, Path> tree = walk();
    boolean changed = !gone.isEmpty();
    for (FileRecord r : table.records()) {
      if (r.isVolatile()) {
        continue;
      }
      Path p = tree.get(r.ino());
      ObjectAttrs a = p == null ? null : ObjectAttrs.orNull(p);
      if (a == null || !isSame(r, a)) {
        forget(r);
        gone.add(r);
        changed = true;
        continue;
      }
      String rel = root.relative(p);
      if (!rel.equals(r.relPath())) {
        r.setRelPath(rel);
        links.link(r);
        changed = true;
      }
      learnBirthTime(r, a);
      if (r.isRegular()) {
        observeRegular.accept(r);
      }
    }
    if (changed) {
      table.compact();
    }
    return gone;
  }
}
