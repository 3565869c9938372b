package org.lhsm.copytool.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.Fid;
import org.lhsm.bindings.ImportAttributes;
import org.lhsm.copytool.s3.S3Import;
import org.lhsm.copytool.s3.S3Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --import <src> <dst> <mnt>} (compat spec §12.1). */
final class ImportMode {
  private static final Logger LOG = LoggerFactory.getLogger(ImportMode.class);

  private final Settings s;
  private long major;
  private int lastError;

  ImportMode(Settings s) {
    this.s = s;
  }

  int run() throws ModeRunner.ExitException {
    if (s.s3().isPresent() && s.backends().kindFor(s.firstArchiveId()) == BackendChoice.Kind.S3) {
      return runS3();
    }
    ModeRunner.checkHsmRoot(s.hsmRoot());
    String src = s.operands().get(0);
    Path dst = Path.of(s.operands().get(1));
    Path mnt = Path.of(s.operands().get(2));
    if (!dst.isAbsolute()) {
      throw new ModeRunner.ExitException(
          Errno.EINVAL.number(), "destination '" + dst + "' must be an absolute path");
    }
    checkInFilesystem(dst, mnt);
    Path source;
    Fid srcFid = tryFid(src);
    if (srcFid != null) {
      if (Files.exists(mnt.resolve(".lustre/fid/" + srcFid.toNoBraceString()))) {
        throw new ModeRunner.ExitException(
            Errno.EEXIST.number(), "file " + srcFid + " still exists in Lustre: not importing it");
      }
      source = s.paths().dataPath(srcFid);
    } else {
      if (Path.of(src).isAbsolute()) {
        throw new ModeRunner.ExitException(
            Errno.EINVAL.number(), "source '" + src + "' must be relative to the HSM root");
      }
      source = s.hsmRoot().resolve(src);
      checkUnderRoot(src, source);
    }
    try {
      if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        importTree(source, dst.resolve(src));
      } else {
        importOne(source, dst);
      }
    } catch (StopException e) {
      // abort-on-error: lastError already set
    } catch (IOException e) {
      fail(source, e);
    }
    ModeRunner.logFinished(major, 0, lastError);
    return lastError;
  }

  /**
   * Import from the S3 archive: {@code src} is an object key, a FID (its key in this layout), or a
   * key prefix ending with {@code /} (every object under it).
   */
  private int runS3() throws ModeRunner.ExitException {
    String src = s.operands().get(0);
    Path dst = Path.of(s.operands().get(1));
    Path mnt = Path.of(s.operands().get(2));
    if (!dst.isAbsolute()) {
      throw new ModeRunner.ExitException(
          Errno.EINVAL.number(), "destination '" + dst + "' must be an absolute path");
    }
    String fsname;
    try {
      fsname = s.cmd().access().fsname(mnt);
    } catch (IOException e) {
      throw new ModeRunner.ExitException(
          Errno.numberOf(e, Errno.EIO),
          "cannot find a Lustre filesystem mounted at '" + mnt + "': " + e.getMessage());
    }
    try (S3Store store = S3Backends.openChecked(s.s3().get())) {
      S3Import imp =
          new S3Import(store, s.cmd().access(), fsname, s.firstArchiveId(), s.cmd().dryRun);
      Fid srcFid = tryFid(src);
      try {
        if (srcFid != null) {
          if (Files.exists(mnt.resolve(".lustre/fid/" + srcFid.toNoBraceString()))) {
            throw new ModeRunner.ExitException(
                Errno.EEXIST.number(),
                "file " + srcFid + " still exists in Lustre: not importing it");
          }
          imp.importOne(imp.keyOf(srcFid), dst);
        } else if (src.endsWith("/")) {
          imp.importPrefix(
              src,
              dst,
              (what, e) -> {
                major++;
                lastError = Errno.numberOf(e, Errno.EIO);
                LOG.error("cannot import '{}': {}", what, e.getMessage());
                return !s.cmd().abortOnError;
              });
        } else {
          imp.importOne(src, dst);
        }
      } catch (IOException e) {
        major++;
        lastError = Errno.numberOf(e, Errno.EIO);
        LOG.error("cannot import '{}': {}", src, e.getMessage());
      }
    }
    ModeRunner.logFinished(major, 0, lastError);
    return lastError;
  }

  /**
   * The source is a path below the HSM root: {@code ../} or a link leading out of it would
   * hard-link a file that is not an archive into the archive and serve it as a Lustre file's data.
   */
  private void checkUnderRoot(String src, Path source) throws ModeRunner.ExitException {
    Path root = s.hsmRoot().toAbsolutePath().normalize();
    boolean inside = source.toAbsolutePath().normalize().startsWith(root);
    if (inside && Files.exists(source)) {
      try {
        inside = source.toRealPath().startsWith(s.hsmRoot().toRealPath());
      } catch (IOException e) {
        inside = false;
      }
    }
    if (!inside) {
      throw new ModeRunner.ExitException(
          Errno.EINVAL.number(),
          "source '" + src + "' is outside the HSM root '" + s.hsmRoot() + "': not importing it");
    }
  }

  /**
   * The destination is a new file of the mount's filesystem, with no {@code ../} or link out of it:
   * below the mount point, or on another client mount of the same filesystem (sanity-hsm imports
   * through the test's mount while the copytool serves the agent's).
   */
  private void checkInFilesystem(Path dst, Path mnt) throws ModeRunner.ExitException {
    boolean inside = dst.normalize().startsWith(mnt.toAbsolutePath().normalize());
    // a directory import goes below dst itself; a file import creates dst in its parent
    Path existing = Files.isDirectory(dst) ? dst : dst.getParent();
    if (existing != null && Files.isDirectory(existing) && Files.isDirectory(mnt)) {
      try {
        inside =
            existing.toRealPath().startsWith(mnt.toRealPath()) || sameFilesystem(existing, mnt);
      } catch (IOException e) {
        // left to the import itself, which names the failure
      }
    }
    if (!inside) {
      throw new ModeRunner.ExitException(
          Errno.EINVAL.number(),
          "destination '" + dst + "' is not in the Lustre filesystem mounted at '" + mnt + "'");
    }
  }

  private boolean sameFilesystem(Path dir, Path mnt) {
    try {
      return s.cmd().access().fsname(dir).equals(s.cmd().access().fsname(mnt));
    } catch (IOException e) {
      return false; // not Lustre
    }
  }

  private static Fid tryFid(String text) {
    try {
      return Fid.parseLenient(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Unchecked carrier for --abort-on-error through the file walker. */
  private static final class StopException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private void fail(Path what, IOException e) {
    major++;
    lastError = Errno.numberOf(e, Errno.EIO);
    LOG.error("cannot import '{}': {}", what, e.getMessage());
    if (s.cmd().abortOnError) {
      throw new StopException();
    }
  }

  private void importTree(Path srcDir, Path dstDir) throws IOException {
    Files.walkFileTree(
        srcDir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
            Path target = dstDir.resolve(srcDir.relativize(f).toString());
            try {
              if (!s.cmd().dryRun) {
                Files.createDirectories(target.getParent());
              }
              importOne(f, target);
            } catch (IOException e) {
              fail(f, e);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            fail(f, e);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  void importOne(Path source, Path dst) throws IOException {
    LOG.info("importing '{}' from '{}'", dst, source);
    Map<String, Object> st = Files.readAttributes(source, "unix:*", LinkOption.NOFOLLOW_LINKS);
    ImportAttributes attrs =
        new ImportAttributes(
            ((Number) st.get("size")).longValue(),
            ((java.nio.file.attribute.FileTime) st.get("lastAccessTime"))
                .toInstant()
                .getEpochSecond(),
            0,
            ((java.nio.file.attribute.FileTime) st.get("lastModifiedTime"))
                .toInstant()
                .getEpochSecond(),
            0,
            (Integer) st.get("uid"),
            (Integer) st.get("gid"),
            (Integer) st.get("mode"));
    if (s.cmd().dryRun) {
      return;
    }
    Fid fid = s.cmd().access().importFile(dst, s.firstArchiveId(), attrs);
    Path data = s.paths().dataPath(fid);
    Files.createDirectories(data.getParent());
    Files.createLink(data, source);
    LOG.info("imported '{}' from '{}'=='{}'", dst, data, source);
  }
}
