package org.lhsm.copytool.core;

import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The Linux x86_64 errno numbers the copytool reports to the coordinator, and the mapping from Java
 * I/O exceptions to them. The copytool keeps its own table so the engine does not depend on the
 * bindings.
 */
public final class Errnos {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int ENXIO = 6;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int ENODEV = 19;
  public static final int ENOTDIR = 20;
  public static final int EISDIR = 21;
  public static final int EINVAL = 22;
  public static final int EFBIG = 27;
  public static final int ENOSPC = 28;
  public static final int EROFS = 30;
  public static final int ENOTEMPTY = 39;
  public static final int ELOOP = 40;
  public static final int ENODATA = 61;
  public static final int EPROTO = 71;
  public static final int EOPNOTSUPP = 95;
  public static final int ENOTCONN = 107;
  public static final int ESHUTDOWN = 108;
  public static final int ETIMEDOUT = 110;
  public static final int ESTALE = 116;
  public static final int EDQUOT = 122;
  public static final int ECANCELED = 125;

  private Errnos() {}

  /** Best errno for a failure; {@link CopytoolException} carries its own. */
  public static int of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CopytoolException ce) {
        return ce.errno();
      }
    }
    if (t instanceof ClosedByInterruptException) {
      return ECANCELED;
    }
    if (t instanceof NoSuchFileException) {
      return ENOENT;
    }
    if (t instanceof AccessDeniedException) {
      return EACCES;
    }
    if (t instanceof FileAlreadyExistsException) {
      return EEXIST;
    }
    if (t instanceof DirectoryNotEmptyException) {
      return ENOTEMPTY;
    }
    if (t instanceof NotDirectoryException) {
      return ENOTDIR;
    }
    String reason = t instanceof FileSystemException fse ? fse.getReason() : t.getMessage();
    if (reason != null) {
      String r = reason.toLowerCase(Locale.ROOT);
      if (r.contains("no space left")) {
        return ENOSPC;
      }
      if (r.contains("quota")) {
        return EDQUOT;
      }
      if (r.contains("read-only file system")) {
        return EROFS;
      }
      if (r.contains("too many levels of symbolic links")) {
        return ELOOP;
      }
      if (r.contains("operation not supported")) {
        return EOPNOTSUPP;
      }
      if (r.contains("timed out")) {
        return ETIMEDOUT;
      }
      if (r.contains("stale file handle")) {
        return ESTALE;
      }
    }
    return EIO;
  }

  /** {@code strerror}-like text for the errnos above, for log lines. */
  public static String describe(int errno) {
    return switch (errno) {
      case 0 -> "Success";
      case EPERM -> "Operation not permitted";
      case ENOENT -> "No such file or directory";
      case EINTR -> "Interrupted system call";
      case EIO -> "Input/output error";
      case ENXIO -> "No such device or address";
      case EAGAIN -> "Resource temporarily unavailable";
      case ENOMEM -> "Cannot allocate memory";
      case EACCES -> "Permission denied";
      case EBUSY -> "Device or resource busy";
      case EEXIST -> "File exists";
      case ENODEV -> "No such device";
      case ENOTDIR -> "Not a directory";
      case EISDIR -> "Is a directory";
      case EINVAL -> "Invalid argument";
      case EFBIG -> "File too large";
      case ENOSPC -> "No space left on device";
      case EROFS -> "Read-only file system";
      case ENOTEMPTY -> "Directory not empty";
      case ELOOP -> "Too many levels of symbolic links";
      case ENODATA -> "No data available";
      case EPROTO -> "Protocol error";
      case EOPNOTSUPP -> "Operation not supported";
      case ENOTCONN -> "Transport endpoint is not connected";
      case ESHUTDOWN -> "Cannot send after transport endpoint shutdown";
      case ETIMEDOUT -> "Connection timed out";
      case ESTALE -> "Stale file handle";
      case EDQUOT -> "Disk quota exceeded";
      case ECANCELED -> "Operation canceled";
      default -> "errno " + errno;
    };
  }
}
