package org.lhsm.bindings;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Linux (x86_64) errno values seen through liblustreapi, with glibc's {@code strerror} text. {@link
 * #UNKNOWN} stands for any other number; the exception that carries it keeps the number.
 */
public enum Errno {
  EPERM(1, "Operation not permitted"),
  ENOENT(2, "No such file or directory"),
  ESRCH(3, "No such process"),
  EINTR(4, "Interrupted system call"),
  EIO(5, "Input/output error"),
  ENXIO(6, "No such device or address"),
  E2BIG(7, "Argument list too long"),
  ENOEXEC(8, "Exec format error"),
  EBADF(9, "Bad file descriptor"),
  ECHILD(10, "No child processes"),
  EAGAIN(11, "Resource temporarily unavailable"),
  ENOMEM(12, "Cannot allocate memory"),
  EACCES(13, "Permission denied"),
  EFAULT(14, "Bad address"),
  ENOTBLK(15, "Block device required"),
  EBUSY(16, "Device or resource busy"),
  EEXIST(17, "File exists"),
  EXDEV(18, "Invalid cross-device link"),
  ENODEV(19, "No such device"),
  ENOTDIR(20, "Not a directory"),
  EISDIR(21, "Is a directory"),
  EINVAL(22, "Invalid argument"),
  ENFILE(23, "Too many open files in system"),
  EMFILE(24, "Too many open files"),
  ENOTTY(25, "Inappropriate ioctl for device"),
  ETXTBSY(26, "Text file busy"),
  EFBIG(27, "File too large"),
  ENOSPC(28, "No space left on device"),
  ESPIPE(29, "Illegal seek"),
  EROFS(30, "Read-only file system"),
  EMLINK(31, "Too many links"),
  EPIPE(32, "Broken pipe"),
  EDOM(33, "Numerical argument out of domain"),
  ERANGE(34, "Numerical result out of range"),
  EDEADLK(35, "Resource deadlock avoided"),
  ENAMETOOLONG(36, "File name too long"),
  ENOLCK(37, "No locks available"),
  ENOSYS(38, "Function not implemented"),
  ENOTEMPTY(39, "Directory not empty"),
  ELOOP(40, "Too many levels of symbolic links"),
  ENODATA(61, "No data available"),
  ETIME(62, "Timer expired"),
  EPROTO(71, "Protocol error"),
  EBADMSG(74, "Bad message"),
  EOVERFLOW(75, "Value too large for defined data type"),
  EMSGSIZE(90, "Message too long"),
  EOPNOTSUPP(95, "Operation not supported"),
  ECONNRESET(104, "Connection reset by peer"),
  ENOTCONN(107, "Transport endpoint is not connected"),
  ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
  ETIMEDOUT(110, "Connection timed out"),
  ECONNREFUSED(111, "Connection refused"),
  EHOSTUNREACH(113, "No route to host"),
  EALREADY(114, "Operation already in progress"),
  EINPROGRESS(115, "Operation now in progress"),
  ESTALE(116, "Stale file handle"),
  EDQUOT(122, "Disk quota exceeded"),
  ECANCELED(125, "Operation canceled"),
  /** Any errno this enum does not name. */
  UNKNOWN(-1, "Unknown error");

  /** Same number as {@link #EOPNOTSUPP} on Linux. */
  public static final Errno ENOTSUP = EOPNOTSUPP;

  /** Same number as {@link #EAGAIN} on Linux. */
  public static final Errno EWOULDBLOCK = EAGAIN;

  private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

  static {
    for (Errno e : values()) {
      BY_NUMBER.put(e.number, e);
    }
  }

  private final int number;
  private final String strerror;

  Errno(int number, String strerror) {
    this.number = number;
    this.strerror = strerror;
  }

  /** The positive errno number ({@code -1} for {@link #UNKNOWN}). */
  public int number() {
    return number;
  }

  /** glibc's message for this errno, e.g. "Operation not permitted". */
  public String strerror() {
    return strerror;
  }

  /** The constant for {@code number} (sign ignored); never fails: unknown gives UNKNOWN. */
  public static Errno fromNumber(int number) {
    Errno e = BY_NUMBER.get(Math.abs(number));
    return e == null || e == UNKNOWN ? UNKNOWN : e;
  }

  /** glibc's message for any number, including ones this enum does not name ("Success" for 0). */
  public static String strerror(int number) {
    if (number == 0) {
      return "Success";
    }
    Errno e = fromNumber(number);
    return e == UNKNOWN ? "Unknown error " + Math.abs(number) : e.strerror;
  }

  /**
   * The symbolic name of {@code number} (sign ignored), e.g. {@code EPERM}; {@code errno N} for a
   * number no constant names (including 0).
   */
  public static String nameOf(int number) {
    Errno e = fromNumber(number);
    return e == UNKNOWN ? "errno " + Math.abs(number) : e.name();
  }

  /**
   * The named errno of a failure; see {@link #numberOf}.
   *
   * @return empty when {@link #numberOf} is empty or its number has no constant
   */
  public static Optional<Errno> of(Throwable t) {
    OptionalInt n = numberOf(t);
    Errno e = n.isPresent() ? fromNumber(n.getAsInt()) : UNKNOWN;
    return e == UNKNOWN ? Optional.empty() : Optional.of(e);
  }

  /** As {@link #numberOf(Throwable)}, with {@code otherwise}'s number when it carries none. */
  public static int numberOf(Throwable t, Errno otherwise) {
    return numberOf(t).orElse(otherwise.number);
  }

  /**
   * The errno a failure carries: that of the first {@link LustreException} in {@code t}'s cause
   * chain (named or not), else the one the JDK's file-system exception type of {@code t} stands for
   * ({@link NoSuchFileException} ENOENT, {@link AccessDeniedException} EACCES, {@link
   * FileAlreadyExistsException} EEXIST, {@link DirectoryNotEmptyException} ENOTEMPTY, {@link
   * NotDirectoryException} ENOTDIR, {@link FileSystemLoopException} ELOOP). Never read from message
   * text: any other exception has no errno.
   */
  public static OptionalInt numberOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LustreException le) {
        return OptionalInt.of(le.errnoNumber());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Errno byType = null;
    if (t instanceof NoSuchFileException) {
      byType = ENOENT;
    } else if (t instanceof AccessDeniedException) {
      byType = EACCES;
    } else if (t instanceof FileAlreadyExistsException) {
      byType = EEXIST;
    } else if (t instanceof DirectoryNotEmptyException) {
      byType = ENOTEMPTY;
    } else if (t instanceof NotDirectoryException) {
      byType = ENOTDIR;
    } else if (t instanceof FileSystemLoopException) {
      byType = ELOOP;
    }
    return byType == null ? OptionalInt.empty() : OptionalInt.of(byType.number);
  }
}
