package org.lhsm.emulator.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lhsm.emulator.codec.Fid;
import org.lhsm.emulator.codec.HsmException;
import org.lhsm.emulator.codec.OpenFile;
import org.lhsm.emulator.codec.UserImport;
import org.lhsm.emulator.journal.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MDT view of the backing directory, as the coordinator and the daemon's operations use it. The
 * parts: the {@link FidTable} with its journal ({@code D/state/fids}), the {@link Namespace}
 * (paths, FIDs on first sight, renames, {@code .lustre/fid}, the housekeeping walk), the {@link
 * HsmAttributes} (observation, data versions, state rules) and the {@link ReleasedFiles} (release,
 * restore through volatile files, import).
 */
public final class EmulatedFs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatedFs.class);
  private final FidTable table;
  private final Namespace namespace;
  private final HsmAttributes attrs;
  private final ReleasedFiles released;

  /** Opens the filesystem model with one fdatasync per FID-table change (tests, embedded use). */
  public EmulatedFs(FsLayout layout) throws IOException {
    this(layout, GroupCommit.inline());
  }

  /** Opens the filesystem model; FID-table changes become durable through {@code commit}. */
  public EmulatedFs(FsLayout layout, GroupCommit commit) throws IOException {
    this.table = new FidTable(layout.fidsFile(), commit);
    this.namespace = new Namespace(new FsRoot(layout.fs().toRealPath()), table);
    LegacyMigration.run(table, namespace);
    namespace.removeStaleLinks();
    this.attrs = new HsmAttributes(namespace, table);
    this.released = new ReleasedFiles(namespace, table, attrs);
    released.finishOpenSwaps();
    released.finishOpenReleases();
  }

  public Path root() {
    return namespace.root().path();
  }

  /** Checks that a request path lies inside the filesystem ({@code ENOTTY} otherwise). */
  public Path inside(String path) throws HsmException {
    return namespace.root().inside(path);
  }

  /** FID of a path, assigning one on first sight (does not follow a final symlink). */
  public Fid path2fid(String path) throws HsmException {
    return namespace.path2fid(path);
  }

  /** The record of a known FID, or null. */
  public FileRecord find(Fid fid) {
    return table.find(fid);
  }

  /** Current path of a FID ({@code ENOENT} if the object is gone). */
  public Path resolve(Fid fid) throws HsmException {
    return namespace.resolve(fid);
  }

  /** Relative path of a FID for fid2path: {@code /} for the root. */
  public String fid2path(Fid fid) throws HsmException {
    return namespace.fid2path(fid);
  }

  /** Absolute path of a record (no existence check). */
  public Path pathOf(FileRecord r) {
    return namespace.pathOf(r);
  }

  /** The record of a regular file given by path ({@code ENOTTY} for other objects), observed. */
  public FileRecord regularFile(String path) throws HsmException {
    return attrs.observe(namespace.regularFileAt(path));
  }

  /**
   * The record of the regular file open on a client's descriptor (see {@code
   * Namespace.regularFileOpenAt}), observed.
   */
  public FileRecord regularFileOpen(OpenFile f) throws HsmException {
    return attrs.observe(namespace.regularFileOpenAt(f));
  }

  /** FID of the object open on a client's descriptor. */
  public Fid fd2fid(OpenFile f) throws HsmException {
    return namespace.fd2fid(f);
  }

  /**
   * Re-reads size, mtime and ctime; a change bumps the data version and, as a write would on
   * Lustre, sets DIRTY on a file that has an archive copy and is neither dirty nor released.
   */
  public FileRecord observe(FileRecord r) throws HsmException {
    return attrs.observe(r);
  }

  /** {@link #observe}, returning the object's current path ({@code ENOENT} if it is gone). */
  public Path observePath(FileRecord r) throws HsmException {
    return attrs.observeAt(r);
  }

  /** Sets flags and archive id as the coordinator decided, then persists. */
  public void update(FileRecord r, int flags, int archiveId, long archiveVersion) {
    attrs.update(r, flags, archiveId, archiveVersion);
  }

  /** {@code llapi_hsm_state_set} rules of the MDT. */
  public void stateSet(FileRecord r, long set, long clear, int archiveId, boolean privileged)
      throws HsmException {
    attrs.stateSet(r, set, clear, archiveId, privileged);
  }

  /** Stores a data version as the archive version (2.16 {@code data_version_set}). */
  public void setArchiveVersion(FileRecord r, long dv) throws HsmException {
    attrs.setArchiveVersion(r, dv);
  }

  /** Release: drop the data (sparse, same size and times) and set RELEASED. */
  public void release(FileRecord r) throws HsmException {
    released.release(r);
  }

  /** Creates the volatile file of a restore and gives it its own FID. */
  public FileRecord createVolatile(Fid target) throws HsmException {
    return released.createVolatile(target);
  }

  /** Deletes a volatile file and forgets its FID. */
  public void dropVolatile(Fid vfid) {
    released.dropVolatile(vfid);
  }

  /** Successful restore: the volatile file replaces the file, which keeps its FID. */
  public void commitRestore(FileRecord r, Fid vfid) throws HsmException {
    released.commitRestore(r, vfid);
  }

  /** {@code llapi_hsm_import}: creates a released file with the given attributes. */
  public Fid importFile(String path, UserImport imp) throws HsmException {
    return released.importFile(path, imp);
  }

  /**
   * Housekeeping walk: refreshes paths and FID links of renamed objects, observes regular files
   * (dirty detection) and forgets objects that no longer exist; returns the forgotten records.
   */
  public List<FileRecord> scan() {
    return namespace.scan(
        r -> {
          try {
            attrs.observe(r);
          } catch (HsmException e) {
            LOG.debug("observe {}: {}", r.fid(), e.getMessage());
          }
        });
  }

  @Override
  public void close() throws IOException {
    table.close();
  }
}
