package org.lhsm.copytool.core;

import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import org.lhsm.bindings.Errno;
import org.lhsm.bindings.LustreException;

/**
 * The mapping from Java I/O exceptions to the errno the copytool reports to the coordinator. The
 * numbers and their names are the bindings' {@link Errno} (a plain enum: no native access).
 */
public final class Errnos {
  private Errnos() {}

  /**
   * Best errno for a failure; {@link CopytoolException} and the bindings' {@link LustreException}
   * carry their own.
   */
  public static int of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CopytoolException ce) {
        return ce.errno();
      }
      if (c instanceof LustreException le) {
        // the bindings' safe calls off the Lustre path (e.g. xattrs on the archive)
        return le.errnoNumber();
      }
    }
    if (t instanceof ClosedByInterruptException) {
      return Errno.ECANCELED.number();
    }
    if (t instanceof NoSuchFileException) {
      return Errno.ENOENT.number();
    }
    if (t instanceof AccessDeniedException) {
      return Errno.EACCES.number();
    }
    if (t instanceof FileAlreadyExistsException) {
      return Errno.EEXIST.number();
    }
    if (t instanceof DirectoryNotEmptyException) {
      return Errno.ENOTEMPTY.number();
    }
    if (t instanceof NotDirectoryException) {
      return Errno.ENOTDIR.number();
    }
    String reason = t instanceof FileSystemException fse ? fse.getReason() : t.getMessage();
    if (reason != null) {
      String r = reason.toLowerCase(Locale.ROOT);
      if (r.contains("no space left")) {
        return Errno.ENOSPC.number();
      }
      if (r.contains("quota")) {
        return Errno.EDQUOT.number();
      }
      if (r.contains("read-only file system")) {
        return Errno.EROFS.number();
      }
      if (r.contains("too many levels of symbolic links")) {
        return Errno.ELOOP.number();
      }
      if (r.contains("operation not supported")) {
        return Errno.EOPNOTSUPP.number();
      }
      if (r.contains("timed out")) {
        return Errno.ETIMEDOUT.number();
      }
      if (r.contains("stale file handle")) {
        return Errno.ESTALE.number();
      }
    }
    return Errno.EIO.number();
  }

  /** {@code strerror} text for log lines; 0 is "Success". */
  public static String describe(int errno) {
    return errno == 0 ? "Success" : Errno.strerror(errno);
  }

  /** The symbolic name, e.g. "ECANCELED", or "errno N" for a number without one. */
  public static String name(int errno) {
    Errno e = Errno.fromNumber(errno);
    return e == Errno.UNKNOWN ? "errno " + errno : e.name();
  }
}
