package org.lhsm.emulator.fs;

import static org.lhsm.emulator.codec.Hsm.HS_ARCHIVED;
import static org.lhsm.emulator.codec.Hsm.HS_DIRTY;
import static org.lhsm.emulator.codec.Hsm.HS_EXISTS;
import static org.lhsm.emulator.codec.Hsm.HS_LOST;
import static org.lhsm.emulator.codec.Hsm.HS_NORELEASE;
import static org.lhsm.emulator.codec.Hsm.HS_RELEASED;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lhsm.emulator.codec.Errno;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.Hsm;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.UserImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MDT view of the backing directory. FIDs are assigned on first sight and kept in a table keyed
 * by inode, so they survive renames and restarts; HSM attributes and versions live in the same
 * table ({@code D/state/fids}), rewritten atomically on every change. Because inodes are reused,
 * each object is also tagged with its FID ({@link FidTag}): an object whose inode is known but
 * whose tag differs is a new object and gets a new FID and empty HSM state.
 */
public final class EmulatedFs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatedFs.class);
  private static final long FIRST_SEQ = 0x200000401L;
  private static final int SEQ_WIDTH = 0x20000;
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final FsLayout layout;
  private final Path root;
  private final Map<Fid, FileRecord> byFid = new LinkedHashMap<>();
  private final Map<Long, Fid> byIno = new HashMap<>();
  private long nextSeq = FIRST_SEQ;
  private FileChannel journal;
  private int journalLines;
  private int nextOid = 1;

  public EmulatedFs(FsLayout layout) throws IOException {
    this.layout = layout;
    this.root = layout.fs().toRealPath();
    load();
  }

  public Path root() {
    return root;
  }

  /** The {@code .lustre} directory under the real root path (D may sit behind a symlink). */
  private Path dotLustre() {
    return root.resolve(".lustre");
  }

  private Path fidDir() {
    return dotLustre().resolve("fid");
  }

  private Path volatileDir() {
    return dotLustre().resolve("volatile");
  }

  private void load() throws IOException {
    for (String line : FsLayout.lines(layout.fidsFile())) {
      try {
        if (line.startsWith("next ")) {
          String[] p = line.split(" ");
          nextSeq = Long.parseLong(p[1]);
          nextOid = Integer.parseInt(p[2]);
        } else if (line.startsWith("F ") || line.startsWith("F2 ")) {
          FileRecord r = FileRecord.parse(line);
          FileRecord old = byFid.put(r.fid, r);
          if (old != null) {
            byIno.remove(old.ino);
          }
          byIno.put(r.ino, r.fid);
        } else if (line.startsWith("X ")) {
          FileRecord old = byFid.remove(Fid.parse(line.substring(2)));
          if (old != null) {
            byIno.remove(old.ino);
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("FID table {}: skipping malformed line '{}'", layout.fidsFile(), line);
      }
    }
    compact();
  }

  /**
   * Rewrites the table with the live records (temp file, fsync, rename) and reopens the journal
   * that later changes are appended to.
   */
  private void compact() {
    StringBuilder sb = new StringBuilder();
    sb.append("next ").append(nextSeq).append(' ').append(nextOid).append('\n');
    for (FileRecord r : byFid.values()) {
      sb.append(r.serialize()).append('\n');
    }
    try {
      if (journal != null) {
        journal.close();
      }
      AtomicFiles.write(layout.fidsFile(), sb.toString());
      journal =
          FileChannel.open(layout.fidsFile(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      journalLines = 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot persist FID table " + layout.fidsFile(), e);
    }
  }

  /** Appends the new state of records (one write, fdatasync); compacts now and then. */
  private void save(FileRecord... records) {
    StringBuilder sb = new StringBuilder();
    sb.append("next ").append(nextSeq).append(' ').append(nextOid).append('\n');
    for (FileRecord r : records) {
      sb.append(r.serialize()).append('\n');
    }
    appendJournal(sb.toString(), records.length + 1);
  }

  private void appendJournal(String text, int lines) {
    try {
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        journal.write(b);
      }
      journal.force(false);
    } catch (IOException e) {
      throw new IllegalStateException("cannot append to FID table " + layout.fidsFile(), e);
    }
    journalLines += lines;
    if (journalLines > 2 * byFid.size() + 1000) {
      compact();
    }
  }

  /** Checks that a request path lies inside the filesystem ({@code ENOTTY} otherwise). */
  public Path inside(String path) throws HsmException {
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

  private static Map<String, Object> attrs(Path p) throws HsmException {
    try {
      return Files.readAttributes(p, "unix:*", NOFOLLOW);
    } catch (NoSuchFileException e) {
      throw new HsmException(Errno.ENOENT, p + " does not exist");
    } catch (IOException e) {
      throw new HsmException(Errno.EIO, p + ": " + e.getMessage());
    }
  }

  private static long ns(Object fileTime) {
    return ((FileTime) fileTime).to(TimeUnit.NANOSECONDS);
  }

  /** FID of a path, assigning one on first sight (does not follow a final symlink). */
  public Fid path2fid(String path) throws HsmException {
    Path p = inside(path);
    if (p.equals(root)) {
      return Fid.ROOT;
    }
    if (p.equals(dotLustre())) {
      return Fid.DOT_LUSTRE;
    }
    if (p.equals(fidDir())) {
      return Fid.DOT_LUSTRE_FID;
    }
    return recordAt(p).fid;
  }

  private FileRecord recordAt(Path p) throws HsmException {
    Map<String, Object> a = attrs(p);
    long ino = (Long) a.get("ino");
    Fid known = byIno.get(ino);
    if (known != null) {
      FileRecord r = byFid.get(known);
      if (isSame(r, p)) {
        String rel = root.relativize(p).toString();
        if (!rel.equals(r.relPath)) {
          r.relPath = rel;
          link(r);
          save(r);
        }
        adopt(r, p);
        return r;
      }
      LOG.info("{}: inode {} now holds a new object; {} is gone", p, ino, r.fid);
      forget(r);
    }
    FileRecord r = new FileRecord(allocate());
    r.ino = ino;
    r.tagged = FidTag.write(p, r.fid);
    if (r.tagged) {
      a = attrs(p); // tagging changed the ctime: baseline after it
    }
    r.relPath = root.relativize(p).toString();
    r.regular = Boolean.TRUE.equals(a.get("isRegularFile"));
    r.isVolatile = p.startsWith(volatileDir());
    r.dataVersion = 1;
    r.size = (Long) a.get("size");
    r.mtimeNs = ns(a.get("lastModifiedTime"));
    r.ctimeNs = ns(a.get("ctime"));
    byFid.put(r.fid, r);
    byIno.put(ino, r.fid);
    link(r);
    save(r);
    return r;
  }

  /**
   * Whether the object at {@code p} (whose inode matches) is the one the record describes. Volatile
   * files are checked by inode only: the copytool may copy an archived tag onto them.
   */
  private static boolean isSame(FileRecord r, Path p) {
    return !r.tagged || r.isVolatile || r.fid.noBrace().equals(FidTag.read(p));
  }

  /** Tags an object known from an untagged (older or xattr-less) record, keeping its baseline. */
  private void adopt(FileRecord r, Path p) throws HsmException {
    if (r.tagged || r.isVolatile) {
      return;
    }
    long before = ns(attrs(p).get("ctime"));
    if (FidTag.write(p, r.fid)) {
      r.tagged = true;
      if (r.ctimeNs == before) {
        r.ctimeNs = ns(attrs(p).get("ctime"));
      }
      save(r);
    }
  }

  private Fid allocate() {
    Fid f = new Fid(nextSeq, nextOid, 0);
    nextOid++;
    if (nextOid > SEQ_WIDTH) {
      nextSeq++;
      nextOid = 1;
    }
    return f;
  }

  /** Points {@code .lustre/fid/<FID>} at the file (relative link, valid from every mount). */
  private void link(FileRecord r) {
    Path l = fidDir().resolve(r.fid.noBrace());
    try {
      Files.deleteIfExists(l);
      Files.createSymbolicLink(l, Path.of("../..").resolve(r.relPath));
    } catch (IOException e) {
      LOG.warn("cannot maintain {}: {}", l, e.toString());
    }
  }

  private void unlink(FileRecord r) {
    try {
      Files.deleteIfExists(fidDir().resolve(r.fid.noBrace()));
    } catch (IOException e) {
      LOG.warn("cannot remove FID link of {}: {}", r.fid, e.toString());
    }
  }

  /** The record of a known FID, or null. */
  public FileRecord find(Fid fid) {
    return byFid.get(fid);
  }

  /** Current path of a FID ({@code ENOENT} if the object is gone). */
  public Path resolve(Fid fid) throws HsmException {
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
    FileRecord r = byFid.get(fid);
    if (r == null) {
      throw new HsmException(Errno.ENOENT, "unknown FID " + fid);
    }
    Path p = root.resolve(r.relPath);
    if (inoOf(p) == r.ino && isSame(r, p)) {
      return p;
    }
    Path found = r.isVolatile ? null : walk().get(r.ino);
    if (found == null || !isSame(r, found)) {
      throw new HsmException(Errno.ENOENT, "object " + fid + " no longer exists");
    }
    r.relPath = root.relativize(found).toString();
    link(r);
    save(r);
    return found;
  }

  /** Relative path of a FID for fid2path: {@code /} for the root. */
  public String fid2path(Fid fid) throws HsmException {
    Path p = resolve(fid);
    return p.equals(root) ? "/" : root.relativize(p).toString();
  }

  private static long inoOf(Path p) {
    try {
      return (Long) Files.getAttribute(p, "unix:ino", NOFOLLOW);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

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
              out.put(inoOf(dir), dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
              out.putIfAbsent(inoOf(file), file);
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

  /** The record of a regular file given by path ({@code ENOTTY} for other objects). */
  public FileRecord regularFile(String path) throws HsmException {
    Path p = inside(path);
    if (p.equals(root) || p.startsWith(dotLustre())) {
      throw new HsmException(Errno.ENOTTY, path + " is not a regular file");
    }
    FileRecord r = recordAt(p);
    if (!r.regular) {
      throw new HsmException(Errno.ENOTTY, path + " is not a regular file");
    }
    return observe(r);
  }

  /**
   * Re-reads size, mtime and ctime; a change bumps the data version and, as a write would on
   * Lustre, sets DIRTY on a file that has an archive copy and is neither dirty nor released.
   */
  public FileRecord observe(FileRecord r) throws HsmException {
    Path p = resolve(r.fid);
    Map<String, Object> a = attrs(p);
    long size = (Long) a.get("size");
    long m = ns(a.get("lastModifiedTime"));
    long c = ns(a.get("ctime"));
    if (size != r.size || m != r.mtimeNs || c != r.ctimeNs) {
      r.size = size;
      r.mtimeNs = m;
      r.ctimeNs = c;
      r.dataVersion++;
      if (r.has(HS_EXISTS) && !r.has(HS_DIRTY) && !r.has(HS_RELEASED)) {
        r.flags |= HS_DIRTY;
        LOG.info("{} modified after archive: dirty", r.fid);
      }
      save(r);
    }
    return r;
  }

  /** Accepts the current attributes as the baseline after a change made by the daemon. */
  private void rebaseline(FileRecord r, Path p) throws HsmException {
    Map<String, Object> a = attrs(p);
    r.size = (Long) a.get("size");
    r.mtimeNs = ns(a.get("lastModifiedTime"));
    r.ctimeNs = ns(a.get("ctime"));
  }

  /** Sets flags and archive id as the coordinator decided, then persists. */
  public void update(FileRecord r, int flags, int archiveId, long archiveVersion) {
    r.flags = flags;
    r.archiveId = archiveId;
    r.archiveVersion = archiveVersion;
    save(r);
  }

  /** {@code llapi_hsm_state_set} rules of the MDT. */
  public void stateSet(FileRecord r, long set, long clear, int archiveId, boolean privileged)
      throws HsmException {
    if (((set | clear) & ~(long) Hsm.HSM_FLAGS_MASK) != 0) {
      throw new HsmException(Errno.EINVAL, "flags outside HSM_FLAGS_MASK");
    }
    if (!privileged && ((set | clear) & ~(long) Hsm.HSM_USER_MASK) != 0) {
      throw new HsmException(Errno.EPERM, "only root may change non-user HSM flags");
    }
    int f = (int) ((r.flags | set) & ~clear);
    if (archiveId != 0 && (f & HS_EXISTS) == 0) {
      LOG.info("state_set on {} with archive id but without EXISTS: ignored", r.fid);
      return;
    }
    boolean bad =
        ((f & HS_DIRTY) != 0 && (f & HS_EXISTS) == 0)
            || ((f & HS_RELEASED) != 0 && (f & HS_DIRTY) != 0)
            || ((f & HS_RELEASED) != 0 && (f & HS_ARCHIVED) == 0)
            || ((f & HS_LOST) != 0 && (f & HS_ARCHIVED) == 0);
    if (bad) {
      throw new HsmException(Errno.EINVAL, "inconsistent HSM flags 0x" + Integer.toHexString(f));
    }
    r.flags = f;
    if (archiveId != 0) {
      r.archiveId = archiveId;
    }
    save(r);
  }

  /** Stores a data version as the archive version (2.16 {@code data_version_set}). */
  public void setArchiveVersion(FileRecord r, long dv) throws HsmException {
    if (dv == 0) {
      throw new HsmException(Errno.EINVAL, "data version 0");
    }
    r.archiveVersion = dv;
    save(r);
  }

  /** Release: drop the data (sparse, same size and times) and set RELEASED. */
  public void release(FileRecord r) throws HsmException {
    observe(r);
    if (!r.has(HS_ARCHIVED) || r.has(HS_DIRTY) || r.has(HS_NORELEASE) || r.has(HS_LOST)) {
      throw new HsmException(
          Errno.EPERM, "release of " + r.fid + " with flags 0x" + Integer.toHexString(r.flags));
    }
    if (r.has(HS_RELEASED)) {
      return;
    }
    if (r.dataVersion != r.archiveVersion) {
      throw new HsmException(Errno.EPERM, "data version of " + r.fid + " differs from archive");
    }
    Path p = resolve(r.fid);
    try {
      FileTime mtime = Files.getLastModifiedTime(p, NOFOLLOW);
      FileTime atime = (FileTime) Files.getAttribute(p, "lastAccessTime", NOFOLLOW);
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
        long size = f.length();
        f.setLength(0);
        f.setLength(size);
      }
      Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class)
          .setTimes(mtime, atime, null);
    } catch (IOException e) {
      throw new HsmException(Errno.EIO, "release of " + p + ": " + e.getMessage());
    }
    rebaseline(r, p);
    r.flags |= HS_RELEASED;
    save(r);
  }

  /** Creates the volatile file of a restore and gives it its own FID. */
  public FileRecord createVolatile(Fid target) throws HsmException {
    FileRecord t = byFid.get(target);
    if (t == null) {
      throw new HsmException(Errno.ENOENT, "unknown FID " + target);
    }
    Path src = resolve(target);
    try {
      Path v = Files.createTempFile(volatileDir(), "vol-" + target.noBrace() + "-", "");
      PosixFileAttributes pa = Files.readAttributes(src, PosixFileAttributes.class, NOFOLLOW);
      try {
        Files.setOwner(v, pa.owner());
        Files.getFileAttributeView(v, java.nio.file.attribute.PosixFileAttributeView.class)
            .setGroup(pa.group());
      } catch (IOException e) {
        LOG.debug("cannot chown volatile {}: {}", v, e.toString());
      }
      FileRecord r = recordAt(v);
      r.isVolatile = true;
      save(r);
      return r;
    } catch (IOException e) {
      throw new HsmException(Errno.EIO, "cannot create volatile file: " + e.getMessage());
    }
  }

  /** Absolute path of a record (no existence check). */
  public Path pathOf(FileRecord r) {
    return root.resolve(r.relPath);
  }

  /** Deletes a volatile file and forgets its FID. */
  public void dropVolatile(Fid vfid) {
    FileRecord v = byFid.get(vfid);
    if (v == null || !v.isVolatile) {
      return;
    }
    try {
      Files.deleteIfExists(pathOf(v));
    } catch (IOException e) {
      LOG.warn("cannot delete volatile {}: {}", pathOf(v), e.toString());
    }
    forget(v);
  }

  private void forget(FileRecord r) {
    byFid.remove(r.fid);
    byIno.remove(r.ino);
    unlink(r);
    appendJournal("X " + r.fid.noBrace() + "\n", 1);
  }

  /**
   * Successful restore: the volatile file (with the original's mode, owner and times) is renamed
   * over the file; the file keeps its FID, loses RELEASED and DIRTY, and its new data version
   * becomes the archive version.
   */
  public void commitRestore(FileRecord r, Fid vfid) throws HsmException {
    FileRecord v = byFid.get(vfid);
    if (v == null || !v.isVolatile) {
      throw new HsmException(Errno.ENOENT, "volatile file " + vfid + " is gone");
    }
    Path target = resolve(r.fid);
    Path vp = pathOf(v);
    if (inoOf(vp) != v.ino) {
      throw new HsmException(Errno.ENOENT, "volatile file " + vp + " is gone");
    }
    try {
      PosixFileAttributes pa = Files.readAttributes(target, PosixFileAttributes.class, NOFOLLOW);
      Files.setPosixFilePermissions(vp, pa.permissions());
      try {
        Files.setOwner(vp, pa.owner());
        Files.getFileAttributeView(vp, java.nio.file.attribute.PosixFileAttributeView.class)
            .setGroup(pa.group());
      } catch (IOException e) {
        LOG.debug("cannot chown {}: {}", vp, e.toString());
      }
      Files.getFileAttributeView(vp, java.nio.file.attribute.BasicFileAttributeView.class)
          .setTimes(pa.lastModifiedTime(), pa.lastAccessTime(), null);
      boolean tagged = FidTag.write(vp, r.fid);
      Files.move(vp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      r.tagged = tagged;
    } catch (IOException e) {
      throw new HsmException(Errno.EIO, "layout swap of " + target + ": " + e.getMessage());
    }
    forget(v);
    byIno.remove(r.ino);
    r.ino = v.ino;
    byIno.put(r.ino, r.fid);
    rebaseline(r, target);
    r.dataVersion++;
    r.archiveVersion = r.dataVersion;
    r.flags &= ~(HS_RELEASED | HS_DIRTY);
    save(r);
  }

  /** {@code llapi_hsm_import}: creates a released file with the given attributes. */
  public Fid importFile(String path, UserImport imp) throws HsmException {
    Path p = inside(path);
    if (Files.exists(p, NOFOLLOW)) {
      throw new HsmException(Errno.EEXIST, path + " already exists");
    }
    if (p.getParent() == null || !Files.isDirectory(p.getParent())) {
      throw new HsmException(Errno.ENOENT, "parent of " + path + " does not exist");
    }
    try {
      Files.createFile(p);
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
        f.setLength(imp.size());
      }
      Files.setAttribute(p, "unix:mode", imp.mode() & 0777);
      Files.setAttribute(p, "unix:uid", imp.uid());
      Files.setAttribute(p, "unix:gid", imp.gid());
      FileTime m =
          FileTime.from(imp.mtime() * 1_000_000_000L + imp.mtimeNs(), TimeUnit.NANOSECONDS);
      FileTime a =
          FileTime.from(imp.atime() * 1_000_000_000L + imp.atimeNs(), TimeUnit.NANOSECONDS);
      Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class)
          .setTimes(m, a, null);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort: the import failed anyway
      }
      throw new HsmException(Errno.EPERM, "import of " + path + ": " + e.getMessage());
    }
    FileRecord r = recordAt(p);
    r.flags = HS_EXISTS | HS_ARCHIVED | HS_RELEASED;
    r.archiveId = imp.archiveId();
    r.archiveVersion = r.dataVersion;
    save(r);
    return r.fid;
  }

  /**
   * Housekeeping walk: refreshes paths and FID links of renamed objects, observes regular files
   * (dirty detection) and forgets objects that no longer exist; returns the forgotten records.
   */
  public List<FileRecord> scan() {
    Map<Long, Path> tree = walk();
    List<FileRecord> gone = new ArrayList<>();
    boolean changed = false;
    for (FileRecord r : new ArrayList<>(byFid.values())) {
      if (r.isVolatile) {
        continue;
      }
      Path p = tree.get(r.ino);
      if (p == null || !isSame(r, p)) {
        forget(r);
        gone.add(r);
        changed = true;
        continue;
      }
      String rel = root.relativize(p).toString();
      if (!rel.equals(r.relPath)) {
        r.relPath = rel;
        link(r);
        changed = true;
      }
      if (r.regular) {
        try {
          observe(r);
        } catch (HsmException e) {
          LOG.debug("observe {}: {}", r.fid, e.getMessage());
        }
      }
    }
    if (changed) {
      compact();
    }
    return gone;
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}
