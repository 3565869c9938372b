package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paths and objects of the backing directory: which path lies inside the filesystem, the record of
 * the object at a path (a FID assigned on first sight), the current path of a FID (following
 * renames by inode), the {@code .lustre/fid} links, and the housekeeping walk. Objects are known by
 * inode; because inodes are reused, a tagged object ({@link FidTag}) whose tag names another FID is
 * a new object with a new FID and empty HSM state.
 */
final class Namespace {
  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);
  private final Path root;
  private final FidTable table;
  private final FidLinks links;

  /** Objects a lookup found gone since the last housekeeping scan (the scan reports them). */
  private final List<FileRecord> foundGone = new ArrayList<>();

  /** {@code root} is the real path of the filesystem root (D may sit behind a symlink). */
  Namespace(Path root, FidTable table) {
    this.root = root;
    this.table = table;
    this.links = new FidLinks(fidDir());
  }

  Path root() {
    return root;
  }

  Path dotLustre() {
    return root.resolve(".lustre");
  }

  Path fidDir() {
    return dotLustre().resolve("fid");
  }

  Path volatileDir() {
    return dotLustre().resolve("volatile");
  }

  /** Absolute path of a record (no existence check). */
  Path pathOf(FileRecord r) {
    return root.resolve(r.relPath());
  }

  /** Checks that a request path lies inside the filesystem ({@code ENOTTY} otherwise). */
  Path inside(String path) throws HsmException {
    Path p = Path.of(path).toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      try {
        if (p.toRealPath().equals(root)) {
          return root;
        }
      } catch (IOException e) {
        // not an existing path: try its parent
      }
      Path parent = p.getParent();
      try {
        if (parent != null && parent.toRealPath().startsWith(root)) {
          return parent.toRealPath().resolve(p.getFileName());
        }
      } catch (IOException e) {
        // fall through: not inside
      }
      throw new HsmException(Errno.ENOTTY, path + " is not in filesystem " + root);
    }
    return p;
  }

  /**
   * A path {@code .lustre/fid/<FID>} is a lookup by FID (as on Lustre, whatever the link in the
   * backing directory points at): the object's current path, {@code ENOENT} if it is gone. Other
   * paths are returned as they are.
   */
  private Path byFidIfUnderFidDir(Path p) throws HsmException {
    if (!fidDir().equals(p.getParent())) {
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

  /** FID of a path, assigning one on first sight (does not follow a final symlink). */
  Fid path2fid(String path) throws HsmException {
    Path p = byFidIfUnderFidDir(inside(path));
    if (p.equals(root)) {
      return Fid.ROOT;
    }
    if (p.equals(dotLustre())) {
      return Fid.DOT_LUSTRE;
    }
    if (p.equals(fidDir())) {
      return Fid.DOT_LUSTRE_FID;
    }
    return recordAt(p).fid();
  }

  /** The record of a regular file given by path ({@code ENOTTY} for other objects). */
  FileRecord regularFileAt(String path) throws HsmException {
    Path p = byFidIfUnderFidDir(inside(path));
    if (p.equals(root) || p.startsWith(dotLustre())) {
      throw new HsmException(Errno.ENOTTY, path + " is not a regular file");
    }
    FileRecord r = recordAt(p);
    if (!r.isRegular()) {
      throw new HsmException(Errno.ENOTTY, path + " is not a regular file");
    }
    return r;
  }

  /** The record of the object at {@code p}; a new record (new FID) on first sight. */
  FileRecord recordAt(Path p) throws HsmException {
    ObjectAttrs a = ObjectAttrs.of(p);
    FileRecord known = table.atInode(a.ino());
    if (known != null) {
      if (isSame(known, p)) {
        String rel = root.relativize(p).toString();
        if (!rel.equals(known.relPath())) {
          known.setRelPath(rel);
          links.link(known);
          table.save(known);
        }
        adopt(known, p);
        return known;
      }
      LOG.info("{}: inode {} now holds a new object; {} is gone", p, a.ino(), known.fid());
      forgetGone(known);
    }
    FileRecord r = new FileRecord(table.allocate());
    r.setIno(a.ino());
    r.setTagged(FidTag.write(p, r.fid()));
    if (r.tagged()) {
      a = ObjectAttrs.of(p); // tagging changed the ctime: baseline after it
    }
    r.setRelPath(root.relativize(p).toString());
    r.setRegular(a.regular());
    r.setVolatile(p.startsWith(volatileDir()));
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

  /**
   * Whether the object at {@code p} (whose inode matches) is the one the record describes. Volatile
   * files are checked by inode only: the copytool may copy an archived tag onto them.
   */
  private static boolean isSame(FileRecord r, Path p) {
    return !r.tagged() || r.isVolatile() || r.fid().noBrace().equals(FidTag.read(p));
  }

  /** Tags an object known from an untagged (older or xattr-less) record, keeping its baseline. */
  private void adopt(FileRecord r, Path p) throws HsmException {
    if (r.tagged() || r.isVolatile()) {
      return;
    }
    long before = ObjectAttrs.of(p).ctimeNs();
    if (FidTag.write(p, r.fid())) {
      r.setTagged(true);
      if (r.ctimeNs() == before) {
        r.setCtimeNs(ObjectAttrs.of(p).ctimeNs());
      }
      table.save(r);
    }
  }

  /** Current path of a FID ({@code ENOENT} if the object is gone). */
  Path resolve(Fid fid) throws HsmException {
    if (fid.equals(Fid.ROOT)) {
      return root;
    }
    if (fid.equals(Fid.DOT_LUSTRE)) {
      return dotLustre();
    }
    if (fid.equals(Fid.DOT_LUSTRE_FID)) {
      return fidDir();
    }
    if (!fid.isSane()) {
      throw new HsmException(Errno.EINVAL, "invalid FID " + fid);
    }
    FileRecord r = table.find(fid);
    if (r == null) {
      links.unlink(fid); // a link left behind by a crash, if any
      throw new HsmException(Errno.ENOENT, "unknown FID " + fid);
    }
    Path p = pathOf(r);
    if (ObjectAttrs.inoOf(p) == r.ino() && isSame(r, p)) {
      return p;
    }
    Path found = r.isVolatile() ? null : walk().get(r.ino());
    if (found == null || !isSame(r, found)) {
      LOG.info("{} no longer exists: forgotten", fid);
      forgetGone(r);
      throw new HsmException(Errno.ENOENT, "object " + fid + " no longer exists");
    }
    r.setRelPath(root.relativize(found).toString());
    links.link(r);
    table.save(r);
    return found;
  }

  /** Relative path of a FID for fid2path: {@code /} for the root. */
  String fid2path(Fid fid) throws HsmException {
    Path p = resolve(fid);
    return p.equals(root) ? "/" : root.relativize(p).toString();
  }

  /** Forgets a record and removes its FID link. */
  void forget(FileRecord r) {
    table.forget(r);
    links.unlink(r.fid());
  }

  /** Forgets a record whose object a lookup found gone; the next scan reports it. */
  private void forgetGone(FileRecord r) {
    forget(r);
    if (!r.isVolatile()) {
      foundGone.add(r);
    }
  }

  /** Removes {@code .lustre/fid} entries of FIDs the table does not know (left by a crash). */
  void removeStaleLinks() {
    for (Fid fid : links.linkedFids()) {
      if (table.find(fid) == null) {
        LOG.info("removing the stale link .lustre/fid/{}", fid.noBrace());
        links.unlink(fid);
      }
    }
  }

  /** Inode to path of every object outside {@code .lustre} (first path of a hard-linked file). */
  private Map<Long, Path> walk() {
    Map<Long, Path> out = new HashMap<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
              if (dir.equals(dotLustre())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              out.put(ObjectAttrs.inoOf(dir), dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
              out.putIfAbsent(ObjectAttrs.inoOf(file), file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("tree walk failed: {}", e.toString());
    }
    return out;
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
      if (p == null || !isSame(r, p)) {
        forget(r);
        gone.add(r);
        changed = true;
        continue;
      }
      String rel = root.relativize(p).toString();
      if (!rel.equals(r.relPath())) {
        r.setRelPath(rel);
        links.link(r);
        changed = true;
      }
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
