package org.lhsm.copytool.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.copytool.core.LustreAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --import} from S3: an object becomes a released, archived Lustre file. The object's
 * metadata (or, for a foreign object, its size and time) give the new file's size, mtime, mode and
 * owner; the object is then copied server-side to the key of the new FID (the source object stays,
 * as the POSIX import leaves its source file). A source ending with {@code /} is a prefix: every
 * object under it is imported as {@code <dst>/<src>/<rest of the key>}, as the POSIX import does
 * for a directory.
 */
public final class S3Import {
  private static final Logger LOG = LoggerFactory.getLogger(S3Import.class);

  /** Failures of one object, for the caller's error count. */
  @FunctionalInterface
  public interface FailureSink {
    /** Returns false to stop (abort-on-error). */
    boolean failed(String what, IOException e);
  }

  private final S3Store store;
  private final ObjectKeys keys;
  private final LustreAccess access;
  private final String fsname;
  private final int archiveId;
  private final boolean dryRun;

  public S3Import(
      S3Store store, LustreAccess access, String fsname, int archiveId, boolean dryRun) {
    this.store = store;
    this.keys = new ObjectKeys(store.settings().prefix());
    this.access = access;
    this.fsname = fsname;
    this.archiveId = archiveId;
    this.dryRun = dryRun;
  }

  /** The key an archived FID has in this layout (for a FID source). */
  public String keyOf(Fid fid) {
    return keys.key(fsname, archiveId, fid);
  }

  /** Imports every object under {@code prefix} (ending with {@code /}) into {@code dstDir}. */
  public void importPrefix(String prefix, Path dstDir, FailureSink failures) throws IOException {
    String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    int slash = base.lastIndexOf('/');
    String name = slash >= 0 ? base.substring(slash + 1) : base;
    Path root = name.isEmpty() ? dstDir : dstDir.resolve(name);
    for (S3Store.ObjectInfo o : store.list(prefix)) {
      String rest = o.key().substring(prefix.length());
      if (rest.isEmpty() || rest.endsWith("/")) {
        continue; // "directory" markers
      }
      Path target = root.resolve(rest);
      try {
        if (!dryRun) {
          Files.createDirectories(target.getParent());
        }
        importOne(o.key(), target);
      } catch (IOException e) {
        if (!failures.failed(o.key(), e)) {
          return;
        }
      }
    }
  }

  /** Imports object {@code key} as the released file {@code dst}; returns its new FID. */
  public Fid importOne(String key, Path dst) throws IOException {
    LOG.info("importing '{}' from '{}'", dst, url(key));
    S3Store.ObjectInfo info =
        store
            .head(key)
            .orElseThrow(
                () ->
                    new S3StoreException(
                        Errno.ENOENT,
                        "no object '" + key + "' in bucket '" + store.settings().bucket() + "'"));
    ObjectAttributes a = info.attributes();
    int mode = (a.mode() & 0170000) == 0 ? a.mode() | 0100000 : a.mode();
    if ((mode & 0170000) != 0100000) {
      throw new S3StoreException(
          Errno.EINVAL, "object '" + key + "' is not a regular file (mode " + mode + ")");
    }
    if (dryRun) {
      return Fid.ZERO;
    }
    ImportAttributes attrs =
        new ImportAttributes(info.size(), a.mtimeSec(), 0, a.mtimeSec(), 0, a.uid(), a.gid(), mode);
    Fid fid = access.importFile(dst, archiveId, attrs);
    String newKey = keys.key(fsname, archiveId, fid);
    store.copy(
        key, newKey, info.size(), a.rebound(fid, fsname, archiveId, dst.toString()).toMetadata());
    LOG.info("imported '{}' from '{}'=='{}'", dst, url(newKey), url(key));
    return fid;
  }

  private String url(String key) {
    return "s3://" + store.settings().bucket() + "/" + key;
  }
}
